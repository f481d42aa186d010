"""What a keyboard or screen-reader user meets: the focus stays on a vote or follow button
after its click is answered, the similar-ideas box speaks one short sentence, icons stay out
of accessible names, idea text carries its board's language, and the triage queue's letter
keys act only in its table."""

from __future__ import annotations

from typing import Any

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus
from tests.e2e.conftest import log_in, screenshot, triage_queue_of_two

# Icons outside anything hidden from screen readers: their glyphs would join the names.
SPOKEN_ICONS = """() => Array.from(document.querySelectorAll("i.bi"))
    .filter(i => !i.closest("[aria-hidden=true]")).map(i => i.outerHTML)"""


def _focused_id(tab: Any) -> str:
    return str(tab.evaluate("document.activeElement.id"))


def test_vote_and_follow_keep_the_focus_and_say_the_new_state_in_aria_pressed(page, make):
    idea = make.idea(title="Export timesheets to payroll")
    log_in(page, make.user())
    page.goto("/")
    button = page.locator(f"#vote-{idea.id}")
    before = button.get_attribute("aria-pressed"), button.locator(".vote-count").inner_text()
    button.focus()
    page.keyboard.press("Enter")
    page.locator(f"#vote-{idea.id}[aria-pressed='true']").wait_for()
    assert before == ("false", "0")
    assert button.locator(".vote-count").inner_text() == "1"
    assert _focused_id(page) == f"vote-{idea.id}"  # not <body>: Enter again takes it back
    # One way to say the state: the name stays, aria-pressed changes.
    assert page.get_by_role("button", name="1 Vote for “Export timesheets to payroll”").count()
    page.keyboard.press("Enter")
    page.locator(f"#vote-{idea.id}[aria-pressed='false']").wait_for()
    assert button.locator(".vote-count").inner_text() == "0"
    assert _focused_id(page) == f"vote-{idea.id}"

    page.goto(f"/ideas/{idea.id}")
    follow = page.locator(f"#follow-{idea.id}")
    pressed = follow.get_attribute("aria-pressed")
    follow.focus()
    page.keyboard.press("Enter")
    page.locator(
        f"#follow-{idea.id}[aria-pressed='{'false' if pressed == 'true' else 'true'}']"
    ).wait_for()
    assert _focused_id(page) == f"follow-{idea.id}"


def test_similar_ideas_say_one_short_sentence_and_the_list_stays_quiet(page, make):
    board = make.board("web-app", name="Web app")
    first = make.idea(board=board, title="Export timesheets to payroll", body="Monthly payroll")
    make.idea(board=board, title="Payroll export for timesheets", body="timesheets payroll")
    log_in(page, make.user())
    page.goto("/ideas/new")
    page.fill("#title", "Export timesheets to payroll")
    box = page.locator("#similar-ideas .similar-box")
    box.wait_for()
    status = page.locator("#similar-status")
    status.filter(has_text="similar ideas found below").wait_for()
    regions = page.eval_on_selector_all(
        "[aria-live], [role=status], [role=alert], [role=log]",
        "els => els.map(e => [e.id, e.children.length, e.textContent.trim()])",
    )
    # The list is in no live region; the one region of the form holds one sentence, no links.
    assert box.evaluate("b => b.closest('[aria-live], [role=status]')") is None
    assert ["similar-status", 0, "2 similar ideas found below"] in regions
    link = box.locator(f"a[href='/ideas/{first.id}']")
    assert link.get_attribute("target") == "_blank"
    assert "(opens in a new tab)" in link.text_content()
    assert page.evaluate(SPOKEN_ICONS) == []
    screenshot(page, "new-idea-similar")

    # The small vote button keeps the focus too (its own id: the idea may be on the page twice).
    small = page.locator(f"#vote-small-{first.id}")
    small.focus()
    page.keyboard.press("Enter")
    page.locator(f"#vote-small-{first.id}[aria-pressed='true']").wait_for()
    assert _focused_id(page) == f"vote-small-{first.id}"

    page.fill("#title", "zz")
    status.filter(has_text="No similar ideas found").wait_for()
    assert page.locator("#similar-ideas .similar-box").count() == 0


def test_icons_are_hidden_from_screen_readers(browser, live_server, make):
    pm = make.user(Role.PRODUCT_MANAGER)
    idea = make.idea(title="Offline mode for the app")
    shipped = make.idea(title="Dark mode")
    for step in (IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS, IdeaStatus.SHIPPED):
        ideas.change_status(pm, shipped, step)
    ideas.add_comment(pm, idea, "We are looking into it.", official=True)
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    spoken: dict[str, list[str]] = {}
    for path in ("/", f"/ideas/{idea.id}", f"/ideas/{shipped.id}"):
        tab.goto(path)
        spoken[path] = tab.evaluate(SPOKEN_ICONS)
    # A closed idea's count says "closed" by a lock and in words, not by fading.
    closed = tab.locator(".vote-btn.closed")
    assert closed.locator(".bi-lock-fill").count() == 1
    assert "Voting is closed: Shipped" in closed.text_content()
    assert closed.evaluate("e => getComputedStyle(e).opacity") == "1"
    log_in(tab, pm)
    for path in (f"/ideas/{idea.id}", "/triage", "/triage/duplicates", "/ideas/new"):
        tab.goto(path)
        spoken[f"staff {path}"] = tab.evaluate(SPOKEN_ICONS)
    context.close()
    assert {path: icons for path, icons in spoken.items() if icons} == {}


def test_idea_text_carries_its_boards_language(browser, live_server, make):
    pm = make.user(Role.PRODUCT_MANAGER)
    english = make.board("web-app", name="Web app")
    german = make.board("lohn", name="Lohn")
    german.language = "de"
    db.session.commit()
    idea = make.idea(board=english, title="Export timesheets to payroll", body="Every month")
    deutsch = make.idea(board=german, title="Stundenzettel exportieren", body="Jeden Monat")
    ideas.change_status(pm, idea, IdeaStatus.PLANNED, "Next quarter")
    context = browser.new_context(
        base_url=live_server, locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.goto("/")
    assert tab.get_attribute("html", "lang") == "de"
    card = tab.locator(".idea-card", has_text=idea.title)
    assert card.locator("h2").get_attribute("lang") == "en"
    assert card.locator(".excerpt").get_attribute("lang") == "en"
    other = tab.locator(".idea-card", has_text=deutsch.title)
    assert other.locator("h2").get_attribute("lang") == "de"
    tab.goto(f"/ideas/{idea.id}")
    assert tab.locator("h1", has_text=idea.title).get_attribute("lang") == "en"
    assert tab.locator(".idea-detail .markdown").get_attribute("lang") == "en"
    tab.goto("/roadmap")
    assert tab.get_by_role("link", name=idea.title).get_attribute("lang") == "en"
    log_in(tab, pm)
    tab.goto("/triage")
    assert tab.locator(".triage-row a", has_text=deutsch.title).get_attribute("lang") == "de"
    assert tab.locator(".triage-row a", has_text=idea.title).get_attribute("lang") == "en"
    context.close()


def test_triage_keys_act_only_in_the_queue_table(page, make):
    pm = triage_queue_of_two(make)
    log_in(page, pm)
    page.goto("/triage")
    count = page.locator("#selected-count")
    assert page.locator("[aria-live=polite] #selected-count").count() == 1

    # Outside the table (the page itself, or a text field) the letters do nothing.
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("s")
    assert page.locator(".triage-row.is-current").count() == 0 and count.inner_text() == "0"
    assert _focused_id(page) != "bulk-status"
    note = page.locator("input[name=note]")
    note.focus()
    page.keyboard.type("jxs")
    assert note.input_value() == "jxs" and count.inner_text() == "0"
    assert page.evaluate("document.activeElement.name") == "note"

    # In the table they work, starting from the row the focus is in.
    page.locator(".triage-row input[type=checkbox]").first.focus()
    page.keyboard.press("x")
    assert count.inner_text() == "1"
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert count.inner_text() == "2"
    assert page.locator(".triage-row").nth(1).evaluate("r => r === document.activeElement")
    assert page.locator(".triage-row.is-current").count() == 1
    page.keyboard.press("s")
    assert _focused_id(page) == "bulk-status"

    summary = page.locator(".demand summary").first
    assert "Demand score, show its parts" in summary.text_content()
    summary.click()
    parts = page.locator(".demand-parts").first
    assert parts.locator("thead th[scope=col]").count() == 3
