"""Links in pages are right wherever the portal is served, though templates remember them."""

from __future__ import annotations

import re


def _nav_links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]*/roadmap)"', html))


def test_links_follow_the_script_root_the_portal_is_served_under(client):
    at_root = client.get("/").text
    under_prefix = client.get("/", base_url="http://localhost/portal/").text
    at_root_again = client.get("/").text

    assert _nav_links(at_root) == {"/roadmap"}
    assert _nav_links(under_prefix) == {"/portal/roadmap"}
    assert _nav_links(at_root_again) == {"/roadmap"}


def test_links_with_values_are_built_for_each_value(client, make):
    first, second = make.idea(), make.idea()

    page = client.get("/").text

    assert f'href="/ideas/{first.id}"' in page and f'href="/ideas/{second.id}"' in page
