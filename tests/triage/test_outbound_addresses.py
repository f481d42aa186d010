"""Which addresses count as public targets for webhooks, trackers and identity providers:
besides the private ranges, multicast, reserved, unspecified and IPv6 site-local addresses,
and IPv6 forms that carry a private IPv4 address, are refused."""

from __future__ import annotations

import pytest

from ideaportal.core.errors import ValidationFailed
from ideaportal.triage.outbound import TargetPolicy, check_target


@pytest.mark.parametrize(
    "url",
    [
        "https://[::127.0.0.1]/hook",  # IPv4-compatible: some stacks route it to 127.0.0.1
        "https://[::10.0.0.5]/hook",
        "https://[::8.8.8.8]/hook",  # deprecated form, whatever it carries
        "https://224.0.0.1/hook",  # multicast
        "https://239.255.255.250/hook",
        "https://[ff02::1]/hook",
        "https://240.0.0.1/hook",  # reserved
        "https://255.255.255.255/hook",
        "https://[::]/hook",  # unspecified
        "https://[fec0::1]/hook",  # site-local
        "https://[64:ff9b::7f00:1]/hook",  # NAT64 of 127.0.0.1
        "https://[2002:a00:5::1]/hook",  # 6to4 of 10.0.0.5
    ],
)
def test_multicast_reserved_and_disguised_private_addresses_are_refused(app, url):
    with pytest.raises(ValidationFailed, match="private or reserved"):
        check_target(url, TargetPolicy())


@pytest.mark.parametrize(
    "url",
    [
        "https://93.184.215.14/hook",
        "https://[2606:4700:4700::1111]/hook",
        "https://[::ffff:93.184.215.14]/hook",
        "https://[64:ff9b::5db8:d70e]/hook",  # NAT64 of 93.184.215.14
    ],
)
def test_public_addresses_are_still_accepted(app, url):
    assert check_target(url, TargetPolicy())


def test_private_targets_allowed_by_the_config_still_pass(app):
    assert check_target("https://224.0.0.1/hook", TargetPolicy(allow_private=True))
