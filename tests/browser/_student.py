"""A student working through the all-types quiz (tests/browser/_banks.py), in any front end:
the same clicks and keys in JupyterLab and in Voilà, scoped by a CSS selector."""

from __future__ import annotations

import re

from ._harness import expect

PARA1 = (
    "Riverland Minister Ana Ruiz visited Hillstate last week and signed a water-sharing "
    "memorandum worth $40 million."
)
SCORE = "Score 6.5 / 9 points · 8 of 8 answered · 6 correct · 1 open response for the instructor"
ESSAY = "Probably it holds, because paragraph 3 says Ode expects it to."


#: where the quiz is; the Voilà test sets "body"
SCOPE = {"css": ".jp-NotebookPanel:not(.lm-mod-hidden)"}


def q(page, qtype: str):
    """The one question of this type in the all-types quiz."""
    return page.locator(f"{SCOPE['css']} .geokit-q-{qtype}")


def check(page, qtype: str, *, keyboard: bool = False) -> None:
    button = q(page, qtype).locator("button.geokit-check")
    if keyboard:
        button.focus()
        page.keyboard.press("Enter")
    else:
        button.click()


def feedback(page, qtype: str):
    return q(page, qtype).locator(".geokit-feedback")


def answer_everything(page) -> None:
    # single choice: click the option's label, check with the keyboard
    q(page, "single_choice").get_by_label("Ana Ruiz", exact=True).check()
    check(page, "single_choice", keyboard=True)
    fb = feedback(page, "single_choice")
    expect(fb).to_contain_text("Correct (1 of 1 point)")
    expect(fb).to_contain_text("Yes: the Riverland minister made the visit.")
    expect(fb).to_contain_text("Why: Paragraph 1 names the minister who made the visit.")
    expect(fb).to_contain_text("See ¶1.")
    expect(fb).to_have_class(re.compile(r"\bgeokit-correct\b"))
    # the cited paragraph, behind its toggle
    toggle = q(page, "single_choice").locator(".geokit-cite-toggle", has_text="Read ¶1")
    para = q(page, "single_choice").locator(".geokit-paragraph")
    expect(para).to_be_hidden()
    toggle.click()
    expect(para).to_be_visible()
    expect(para).to_have_text(PARA1)

    # multiple select: tick with the keyboard (Space on a focused check box)
    for label in ("Riverland", "Hillstate"):
        box = q(page, "multiple_select").get_by_label(label, exact=True)
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    check(page, "multiple_select")
    fb = feedback(page, "multiple_select")
    expect(fb).to_contain_text("Correct (1 of 1 point)")
    expect(fb).to_contain_text("You chose 2 of the 2 right options.")
    expect(fb).to_contain_text("See ¶1, ¶3.")

    # numeric: first a known mistake, then the right number (typed, Enter commits)
    box = q(page, "numeric").get_by_label("Your answer (million USD):")
    box.fill("40000000")
    box.press("Enter")
    check(page, "numeric")
    fb = feedback(page, "numeric")
    expect(fb).to_contain_text("Not quite (0 of 1 point)")
    expect(fb).to_contain_text("The unit is millions: give 40.")
    box.fill("")
    box.type("40")
    box.press("Enter")
    check(page, "numeric")
    expect(fb).to_contain_text("Correct (1 of 1 point)")
    expect(fb).to_contain_text("Right: $40 million.")

    # short text with a typo the grader tolerates
    box = q(page, "short_text").get_by_label("Your answer:")
    box.type("daily bugel")
    box.press("Tab")
    check(page, "short_text")
    fb = feedback(page, "short_text")
    expect(fb).to_contain_text("Correct (1 of 1 point)")
    expect(fb).to_contain_text("allowing for spelling: the usual form is 'Daily Bugle'")
    expect(fb).to_contain_text("See ¶2.")

    # matching: one right, one wrong
    q(page, "matching").get_by_label("Ana Ruiz:").select_option("Minister")
    q(page, "matching").get_by_label("Ben Ode:").select_option("Editor")
    check(page, "matching")
    fb = feedback(page, "matching")
    expect(fb).to_contain_text("Partly right (0.5 of 1 point)")
    expect(fb).to_contain_text("1 of 2 matched correctly.")
    expect(fb).to_contain_text("Ode is the analyst.")
    expect(fb).to_have_class(re.compile(r"\bgeokit-partial\b"))

    # ordering: menus per position
    order = q(page, "ordering")
    order.get_by_label("1st:").select_option("The visit")
    order.get_by_label("2nd:").select_option("The quotation")
    order.get_by_label("last:").select_option("The analysis")
    check(page, "ordering")
    fb = feedback(page, "ordering")
    expect(fb).to_contain_text("Correct (1 of 1 point)")
    expect(fb).to_contain_text("Right order.")

    # evidence: tick the paragraph
    q(page, "evidence").get_by_label(re.compile(r"^¶3: Analyst Ben Ode")).check()
    check(page, "evidence")
    fb = feedback(page, "evidence")
    expect(fb).to_contain_text("Correct (1 of 1 point)")
    expect(fb).to_contain_text("1 of the 1 supporting paragraph found.")
    expect(fb).to_contain_text("See ¶3.")

    # open response: typed key by key, as a student writes. The Textarea syncs on blur
    # (continuous_update=False), so the whole essay reaches the kernel before the Submit click.
    area = q(page, "open_response").get_by_label("Your answer:")
    area.type(ESSAY)
    check(page, "open_response")
    fb = feedback(page, "open_response")
    expect(fb).to_contain_text("Ready for your instructor to read (2 points)")
    expect(fb).to_contain_text("Compare with an example answer:")


def assert_restored(page) -> None:
    expect(q(page, "single_choice").get_by_label("Ana Ruiz", exact=True)).to_be_checked()
    expect(q(page, "single_choice").get_by_label("Ben Ode", exact=True)).not_to_be_checked()
    expect(q(page, "multiple_select").get_by_label("Riverland", exact=True)).to_be_checked()
    expect(q(page, "multiple_select").get_by_label("Hillstate", exact=True)).to_be_checked()
    expect(q(page, "multiple_select").get_by_label("Daily Bugle", exact=True)).not_to_be_checked()
    expect(q(page, "numeric").get_by_label("Your answer (million USD):")).to_have_value("40")
    expect(q(page, "short_text").get_by_label("Your answer:")).to_have_value("daily bugel")
    expect(q(page, "matching").get_by_label("Ana Ruiz:")).to_have_value("Minister")
    expect(q(page, "matching").get_by_label("Ben Ode:")).to_have_value("Editor")
    expect(q(page, "ordering").get_by_label("1st:")).to_have_value("The visit")
    expect(q(page, "ordering").get_by_label("last:")).to_have_value("The analysis")
    expect(q(page, "evidence").get_by_label(re.compile(r"^¶3: "))).to_be_checked()
    expect(q(page, "open_response").get_by_label("Your answer:")).to_have_value(ESSAY)
    # the feedback is back too, saying it is the saved answer
    expect(feedback(page, "numeric")).to_contain_text("Correct (1 of 1 point)")
    expect(feedback(page, "numeric")).to_contain_text("Your saved answer (2 attempts).")
    expect(feedback(page, "matching")).to_contain_text("Partly right (0.5 of 1 point)")
    expect(feedback(page, "single_choice")).to_contain_text("Your saved answer (1 attempt).")
    expect(page.locator(f"{SCOPE['css']} .jupyter-widgets.geokit-score")).to_have_text(SCORE)
