"""Question banks the browser suite writes beside its test articles.

``ALL_TYPES_BANK`` has one question of every type for the mini article of tests/conftest.py:

1. Riverland Minister Ana Ruiz visited Hillstate last week and signed a water-sharing memorandum
   worth $40 million.
2. "We share one river," the Daily Bugle quoted an official as saying.
3. Analyst Ben Ode believes the deal will hold, although Hillstate still depends on Riverland's
   dams.

``xss_bank()`` puts HTML and script in every text a quiz shows (the article's paragraph too, see
``XSS_PARAGRAPH``), to prove the widgets show it as text and run none of it.
"""

from __future__ import annotations

from typing import Any

XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=2">'

_COMMON = {"objective": "Read the article closely.", "level": "remember"}

ALL_TYPES_BANK: dict[str, Any] = {
    "id": "all-types",
    "title": "Every question type",
    "description": "One question of each type, answered by the browser tests.",
    "questions": [
        {
            "id": "who-visited",
            "type": "single_choice",
            "prompt": "Who visited Hillstate?",
            "paragraphs": [1],
            **_COMMON,
            "explanation": "Paragraph 1 names the minister who made the visit.",
            "options": [
                {
                    "id": "a",
                    "text": "Ana Ruiz",
                    "correct": True,
                    "feedback": "Yes: the Riverland minister made the visit.",
                },
                {
                    "id": "b",
                    "text": "Ben Ode",
                    "feedback": "No: Ben Ode is the analyst of paragraph 3.",
                },
                {
                    "id": "c",
                    "text": "The Daily Bugle",
                    "feedback": "No: the Bugle only quoted an official.",
                },
            ],
        },
        {
            "id": "which-states",
            "type": "multiple_select",
            "prompt": "Which of these are states?",
            "paragraphs": [1, 3],
            **_COMMON,
            "explanation": "Riverland and Hillstate are the two states; the Bugle is an outlet.",
            "options": [
                {"id": "a", "text": "Riverland", "correct": True, "feedback": "A state."},
                {"id": "b", "text": "Hillstate", "correct": True, "feedback": "A state too."},
                {"id": "c", "text": "Daily Bugle", "feedback": "A newspaper, not a state."},
            ],
        },
        {
            "id": "deal-worth",
            "type": "numeric",
            "prompt": "How many million US dollars is the memorandum worth?",
            "paragraphs": [1],
            **_COMMON,
            "explanation": "Paragraph 1 gives the figure: $40 million.",
            "unit": "million USD",
            "answers": [
                {"value": 40, "feedback": "Right: $40 million."},
                {"value": 40000000, "correct": False, "feedback": "The unit is millions: give 40."},
            ],
        },
        {
            "id": "which-outlet",
            "type": "short_text",
            "prompt": "Which outlet quoted the official?",
            "paragraphs": [2],
            **_COMMON,
            "explanation": "Paragraph 2 credits the quotation to the Daily Bugle.",
            "accepted": [
                {"text": "Daily Bugle", "feedback": "Yes, the Daily Bugle."},
                {"text": "Bugle"},
            ],
        },
        {
            "id": "who-is-what",
            "type": "matching",
            "prompt": "Match each person to their role.",
            "paragraphs": [1, 3],
            **_COMMON,
            "explanation": "Ruiz is the minister (paragraph 1); Ode the analyst (paragraph 3).",
            "pairs": [
                {
                    "left": "Ana Ruiz",
                    "right": "Minister",
                    "feedback": "Ruiz is the Riverland minister.",
                },
                {"left": "Ben Ode", "right": "Analyst", "feedback": "Ode is the analyst."},
            ],
            "distractors": ["Editor"],
        },
        {
            "id": "story-order",
            "type": "ordering",
            "prompt": "Put the article's parts in the order it tells them.",
            "paragraphs": [1, 2, 3],
            **_COMMON,
            "explanation": "Visit first, the quotation next, the analysis last.",
            "items": ["The visit", "The quotation", "The analysis"],
        },
        {
            "id": "dependence",
            "type": "evidence",
            "prompt": "Which paragraph shows that Hillstate depends on Riverland?",
            "paragraphs": [3],
            **_COMMON,
            "explanation": "Only paragraph 3 mentions the dams Hillstate depends on.",
            "evidence": [3],
        },
        {
            "id": "will-it-hold",
            "type": "open_response",
            "points": 2,
            "prompt": "Will the deal hold? Argue from the text.",
            "paragraphs": [3],
            "objective": "Argue from a source.",
            "level": "evaluate",
            "explanation": "A good answer weighs Ode's view against the dependence he names.",
            "rubric": [
                {"criterion": "States a position", "points": 1},
                {"criterion": "Cites paragraph 3", "points": 1},
            ],
            "min_words": 5,
            "model_answer": "Probably, says Ode, but dependence cuts both ways.",
        },
    ],
}

#: appended to paragraph 3 of the XSS article: the feedback cites it, so it is shown too
XSS_PARAGRAPH = f"Critics wrote {XSS_SCRIPT} and {XSS_IMG} in the margins."


def xss_bank() -> dict[str, Any]:
    evil = f"{XSS_SCRIPT} {XSS_IMG}"
    return {
        "id": "xss",
        "title": f"Markup <b>{evil}</b>",
        "description": f"Every text here carries markup: {evil}",
        "questions": [
            {
                "id": "evil-choice",
                "type": "single_choice",
                "prompt": f"Which is plain text? {evil}",
                "paragraphs": [3],
                **_COMMON,
                "explanation": f"Explanation {evil}",
                "options": [
                    {
                        "id": "a",
                        "text": f"Option {XSS_SCRIPT}",
                        "correct": True,
                        "feedback": f"Feedback {evil}",
                    },
                    {"id": "b", "text": f"Option {XSS_IMG}", "feedback": f"Feedback {evil}"},
                ],
            },
            {
                "id": "evil-text",
                "type": "short_text",
                "prompt": f"Type anything. {evil}",
                "paragraphs": [3],
                **_COMMON,
                "explanation": f"Explanation {evil}",
                "accepted": [{"text": "anything", "feedback": f"Feedback {evil}"}],
            },
            {
                "id": "evil-match",
                "type": "matching",
                "prompt": f"Match. {XSS_IMG}",
                "paragraphs": [3],
                **_COMMON,
                "explanation": "Explanation.",
                "pairs": [
                    {"left": f"L1 {XSS_SCRIPT}", "right": f"R1 {XSS_IMG}"},
                    {"left": f"L2 {XSS_IMG}", "right": f"R2 {XSS_SCRIPT}"},
                ],
            },
            {
                "id": "evil-order",
                "type": "ordering",
                "prompt": f"Order. {XSS_SCRIPT}",
                "paragraphs": [3],
                **_COMMON,
                "explanation": "Explanation.",
                "items": [f"first {XSS_IMG}", f"second {XSS_SCRIPT}"],
            },
        ],
    }
