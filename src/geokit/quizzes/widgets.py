"""The quiz as ipywidgets. Imported only when a quiz is shown; ``import geokit`` never loads it.

Every control is a standard ipywidget with a visible label, so it is reachable with Tab and
usable from the keyboard (arrow keys in radio groups, space on check boxes and buttons). Text
from the bank goes into HTML widgets only through :func:`html.escape`; labels of radio buttons,
check boxes and menus are plain text in ipywidgets (``description_allow_html`` stays False).

Stable CSS classes, for styling and browser tests:

=========================  ==================================================================
``geokit-quiz``            the whole quiz (a VBox)
``geokit-title``           title and description; ``geokit-rules`` in it states the bank's
                           retries, counting and reveal rules (absent for the defaults)
``geokit-score``           the running score line; ``geokit-progress`` the progress bar
``geokit-warning``         a problem with the saved answers (e.g. a corrupt file set aside)
``geokit-question``        one question (also ``geokit-q-<type>``, e.g. ``geokit-q-numeric``)
``geokit-prompt``          the question text
``geokit-answer``          the answer control(s)
``geokit-check``           the Check (or Submit) button
``geokit-feedback``        feedback after checking; plus the class of its status,
                           :func:`geokit.data.feedback.css_class`: ``geokit-correct``,
                           ``geokit-partial``, ``geokit-incorrect``, ``geokit-submitted`` or
                           ``geokit-invalid``, coloured as ``LOOK`` says
``geokit-cite-toggle``     a button that shows or hides a cited paragraph
``geokit-paragraph``       the cited paragraph's text
=========================  ==================================================================
"""

from __future__ import annotations

import contextlib
import functools
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as w

from geokit.data.feedback import LOOK, STATUSES, css_class
from geokit.data.questions import Question
from geokit.quizzes.render import header
from geokit.quizzes.results import Result
from geokit.quizzes.reveal import rules_text
from geokit.quizzes.types import Control, offered_paragraphs, question_type

if TYPE_CHECKING:  # pragma: no cover
    from geokit.quizzes.core import Quiz

__all__ = [
    "QuestionView",
    "QuizView",
    "build_control",
    "choice_control",
    "evidence_control",
    "matching_control",
    "open_control",
    "ordering_control",
    "select_control",
    "text_control",
]

_FULL = (("width", "100%"),)  # the settings of the full-width layout, see _live
_T = TypeVar("_T", bound=w.Widget)
_LABEL = {"description_width": "initial"}
_ORDINAL = ("1st", "2nd", "3rd")
_STALE = ("Your saved answer no longer fits this question (the question was changed since it "
          "was saved); please answer it again.")
#: ipywidgets gives radio and checkbox labels one fixed line, so a long option overflows onto the
#: next one, and sizes a dropdown to its (blank) value; these rules, scoped to geokit's quizzes,
#: let long options wrap and menus show their choices. Shipped inline: nothing is fetched.
_CSS = """<style>
.geokit-quiz-print { display: none; }
.geokit-quiz .widget-radio { height: auto; }
.geokit-quiz .widget-radio-box label { display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: flex-start; gap: 0.45em;
  height: auto; min-height: var(--jp-widgets-inline-height); white-space: normal;
  line-height: 1.35; margin-bottom: 4px; }
.geokit-quiz .widget-radio-box input { margin: 3px 0 0 0; flex-shrink: 0; }
.geokit-quiz .widget-checkbox { height: auto; }
.geokit-quiz .widget-checkbox label { white-space: normal; line-height: 1.35; height: auto; }
.geokit-quiz .widget-dropdown { height: auto; flex-direction: column; align-items: flex-start;
  margin-bottom: 6px; }
.geokit-quiz .widget-dropdown > label { white-space: normal; overflow: visible; height: auto;
  width: auto !important; max-width: 100%; text-align: left; line-height: 1.35; }
.geokit-quiz .widget-dropdown > select { flex: 0 0 auto; width: 100%; max-width: 40em;
  height: var(--jp-widgets-inline-height); }
""" + "".join(  # feedback in the colours of its status, the same as the exercises use
    f".geokit-quiz .{css_class(status)} {{ color: {look.colour}; "
    f"background: {look.background}; border-left: 4px solid {look.colour}; padding: 0 8px; }}\n"
    for status, look in LOOK.items()) + "</style>"


@functools.cache
def _shared(cls: type, settings: tuple[tuple[str, Any], ...] = ()) -> Any:
    """One model of ``cls`` (a layout or a style class) with these settings, for many widgets."""
    return cls(**dict(settings))


def _new(cls: type[_T], **kw: Any) -> _T:
    """A ``cls`` widget that shares its default layout, and its style, with its siblings.

    Left alone, every widget makes a layout and a style model of its own, each a message to the
    browser and a model for it to keep: two thirds of a quiz's models, and about 0.3 ms per
    widget. geokit changes no shared layout or style after creation (a cited paragraph, which
    is shown and hidden, gets its own layout), so one model of each kind serves them all.
    """
    if kw.get("layout") is None:
        kw["layout"] = _live(w.Layout)
    trait = cls.class_traits().get("style")
    if trait is not None and not isinstance(kw.get("style"), w.Widget):
        kw["style"] = _live(trait.klass, tuple(sorted((kw.get("style") or {}).items())))
    widget: _T = cls(**kw)
    return widget


def _live(cls: type, settings: tuple[tuple[str, Any], ...] = ()) -> Any:
    """The shared model, made again if it was closed (``Widget.close_all()``)."""
    model = _shared(cls, settings)
    if getattr(model, "comm", True) is None:
        _shared.cache_clear()
        model = _shared(cls, settings)
    return model


def _full() -> Any:
    """The shared full-width layout (long option labels wrap inside it)."""
    return _live(w.Layout, _FULL)


def _e(text: Any) -> str:
    return html.escape(str(text))


def _ordered(q: Question, order: list[str]) -> list[Any]:
    """The options of ``q`` in ``order`` (option ids), any it misses at the end."""
    by_id = {o.id: o for o in q.options}
    return [by_id[k] for k in order if k in by_id] + [o for o in q.options if o.id not in order]


# Options are labelled by their text alone: an id such as "a)" would carry the authored position
# into the student's order. The control's value is still the option id.
def choice_control(q: Question, order: list[str]) -> Control:
    """Radio buttons, one per option (single choice), in the student's ``order`` of ids."""
    radio = _new(w.RadioButtons, options=[(o.text, o.id) for o in _ordered(q, order)],
                 value=None, description="Your answer:", style=_LABEL, layout=_full())

    def put(v: Any) -> None:
        radio.value = v if isinstance(v, str) and v in {o.id for o in q.options} else None
    return radio, lambda: radio.value, put


def select_control(q: Question, order: list[str]) -> Control:
    """A check box per option (multiple select), in the student's ``order`` of ids."""
    boxes = {o.id: _new(w.Checkbox, value=False, description=o.text, indent=False,
                        layout=_full()) for o in _ordered(q, order)}

    def put(v: Any) -> None:
        chosen = {x for x in v if isinstance(x, str)} if isinstance(v, list) else set()
        for oid, box in boxes.items():
            box.value = oid in chosen
    tick = _new(w.Label, value="Tick every answer that applies:")
    return (_new(w.VBox, children=[tick, *boxes.values()]),
            lambda: [oid for oid, b in boxes.items() if b.value], put)


def text_control(placeholder: str, label: str) -> Control:
    """A one-line text box (numeric, short text)."""
    box = _new(w.Text, value="", placeholder=placeholder, description=label, style=_LABEL,
                 continuous_update=False)

    def put(v: Any) -> None:
        if isinstance(v, float):
            box.value = f"{v:g}"
        elif isinstance(v, (str, int)) and not isinstance(v, bool):
            box.value = str(v)
        else:  # nothing saved, or a value saved for another type of question
            box.value = ""
    return box, lambda: box.value, put


def _menus(labels: list[str], choices: list[str], blank: str = "— choose —") -> list[w.Dropdown]:
    # index=0 shows the "choose" prompt; value=None alone would show an empty box
    return [_new(w.Dropdown, options=[(blank, None), *((c, c) for c in choices)], index=0,
                       description=label, style=_LABEL) for label in labels]


def matching_control(q: Question, choices: list[str]) -> Control:
    """A menu of the ``choices``, in the student's order, beside each item."""
    lefts = [p.left for p in q.pairs]
    menus = _menus([f"{left}:" for left in lefts], choices)

    def put(v: Any) -> None:
        for left, menu in zip(lefts, menus, strict=False):
            right = v.get(left) if isinstance(v, dict) else None
            menu.value = right if isinstance(right, str) and right in choices else None
    return (_new(w.VBox, children=menus),
            lambda: {left: m.value for left, m in zip(lefts, menus, strict=False)
                     if m.value is not None}, put)


def ordering_control(q: Question, items: list[str]) -> Control:
    """A menu per place, first to last, offering the ``items`` in the student's order."""
    n = len(q.items)
    labels = [(_ORDINAL[i] if i < 3 else f"{i + 1}th") + ":" for i in range(n - 1)]
    labels.append("last:")
    menus = _menus(labels, items)

    def put(v: Any) -> None:
        got = v if isinstance(v, list) else []
        for i, menu in enumerate(menus):
            item = got[i] if i < len(got) else None
            menu.value = item if isinstance(item, str) and item in q.items else None
    return (_new(w.VBox, children=[_new(w.Label, value="Earliest (or first) at the top:"), *menus]),
            lambda: [m.value for m in menus if m.value is not None], put)


def evidence_control(q: Question, quiz: Quiz) -> Control:
    """A check box per paragraph offered, with the start of its text."""
    numbers = offered_paragraphs(q, quiz.n_paragraphs)
    art = quiz.article

    def label(n: int) -> str:
        if art is None or not 1 <= n <= len(art.paragraphs):
            return f"¶{n}"
        text = art.paragraphs[n - 1].text
        return f"¶{n}: {text[:90]}…" if len(text) > 90 else f"¶{n}: {text}"
    boxes = {n: _new(w.Checkbox, value=False, description=label(n), indent=False, layout=_full())
             for n in numbers}

    def put(v: Any) -> None:
        chosen = {x for x in v if isinstance(x, int) and not isinstance(x, bool)} if isinstance(
            v, list) else set()
        for n, box in boxes.items():
            box.value = n in chosen
    tick = _new(w.Label, value="Tick every paragraph that supports the claim:")
    return (_new(w.VBox, children=[tick, *boxes.values()]),
            lambda: [n for n, b in boxes.items() if b.value], put)


def open_control(q: Question) -> Control:
    """A text area for a written answer."""
    # continuous_update=False: sync once, on blur, before the Submit click reaches the kernel;
    # per-keystroke syncs can queue behind each other and save a truncated answer
    area = _new(w.Textarea, value="", placeholder="Write your answer here",
                description="Your answer:", style=_LABEL, rows=6, layout=_full(),
                continuous_update=False)

    def put(v: Any) -> None:
        area.value = v if isinstance(v, str) else ""
    return area, lambda: area.value, put


def build_control(q: Question, quiz: Quiz) -> Control:
    """The answer control of ``q``, as its type's registry entry builds it."""
    return question_type(q.type).widget(q, quiz)


class QuestionView:
    """One question: prompt, control, Check button, feedback and cited paragraphs."""

    def __init__(self, quiz: Quiz, q: Question, number: int,
                 on_checked: Callable[[], None]) -> None:
        self.quiz, self.q, self.on_checked = quiz, q, on_checked
        prompt = _new(w.HTML, value=f"<b>{number}.</b> {_e(q.prompt)} "
                              f"<small>{_e(header(q))}</small>").add_class("geokit-prompt")
        parts: list[w.Widget] = [prompt]
        if q.code:
            parts.append(_new(w.HTML, value=f"<pre>{_e(q.code)}</pre>"))
        self.control, self.get_value, self.set_value = build_control(q, quiz)
        self.control.add_class("geokit-answer")
        parts.append(self.control)
        if any(o.code for o in q.options):  # options that are code (jupyterquiz allows it)
            parts.append(_new(w.HTML, value="".join(
                f"<div>{_e(o.id)})<pre>{_e(o.code)}</pre></div>" for o in q.options if o.code)))
        if q.rubric:  # only an open response has one
            parts.append(_new(w.HTML, value="<small>Scored by your instructor: " + "; ".join(
                f"{_e(r.criterion)} ({r.points:g} pt)" for r in q.rubric) + "</small>"))
        kind = question_type(q.type)
        self.button = _new(w.Button, description=kind.action, tooltip=kind.action_tooltip,
                           button_style="primary", icon="check").add_class("geokit-check")
        self.button.on_click(self._clicked)
        self.feedback = _new(w.HTML, value="").add_class("geokit-feedback")
        self.cites = _new(w.VBox, children=[]).add_class("geokit-citations")
        parts += [self.button, self.feedback, self.cites]
        self.box = _new(w.VBox, children=parts).add_class("geokit-question").add_class(
            f"geokit-q-{q.type}")
        self.restore()

    def restore(self) -> None:
        """Put the saved answer back into the control and show its feedback again."""
        saved = self.quiz.saved(self.q.id)
        if not saved or "value" not in saved:
            return
        tries = saved.get("attempts", 1)
        try:
            self.set_value(saved["value"])
            result = self.quiz.evaluate(self.q, saved["value"])
            self.render(result, note=_STALE if result.status == "invalid" else
                        f"Your saved answer ({tries} attempt{'s' if tries != 1 else ''}).")
        except Exception:  # a value saved before the question was changed: do not fail the quiz
            with contextlib.suppress(Exception):
                self.set_value(None)
            self.feedback.value = f"<small>{_e(_STALE)}</small>"

    def _clicked(self, _button: Any = None) -> None:
        try:
            result = self.quiz.answer(self.q.id, self.get_value())
        except Exception as exc:
            result = Result(self.q.id, "invalid", 0.0, self.q.points, "",
                            message=f"could not check ({type(exc).__name__}: {exc})")
        if result.status == "unavailable":  # no tries left: show the answer that stands
            with contextlib.suppress(Exception):
                self.set_value(result.value)
        self.render(result)
        self.on_checked()

    def render(self, result: Result, note: str = "") -> None:
        lines = result.text().split("\n")
        body = "<br>".join(_e(line) for line in lines[1:])
        extra = f"<br><small>{_e(note)}</small>" if note else ""
        # role=status: screen readers announce the result of Check without moving focus
        self.feedback.value = ('<div role="status" aria-live="polite">'
                               f"<b>{_e(lines[0])}</b>" + (f"<br>{body}" if body else "")
                               + extra + "</div>")
        for status in STATUSES:
            self.feedback.remove_class(css_class(status))
        self.feedback.add_class(css_class(result.status))
        # the bank's retries: once none are left, the button says so instead of checking
        self.button.disabled = result.tries_left == 0
        if result.tries_left == 0:
            self.button.tooltip = "No tries left for this question"
        if result.status in ("invalid", "unavailable"):
            return
        rows: list[w.Widget] = []
        for c in result.citations:
            text = _new(w.HTML, value=f"<blockquote>{_e(c.text)}</blockquote>",
                          layout=w.Layout(display="none")).add_class("geokit-paragraph")
            toggle = _new(w.ToggleButton, value=False, description=f"Read ¶{c.n}",
                                    tooltip=f"Show or hide paragraph {c.n} of the article",
                                    icon="book").add_class("geokit-cite-toggle")

            def flip(change: dict[str, Any], text: w.HTML = text) -> None:
                text.layout.display = "block" if change["new"] else "none"
            toggle.observe(flip, names="value")
            rows += [toggle, text]
        self.cites.children = tuple(rows)


class QuizView:
    """The whole bank: title, running score and progress, and a view per question."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        quiz._refresh()  # another notebook may have saved answers since
        bank = quiz.bank
        title = f"<h3>{_e(bank.title)}</h3>"  # lessons use h1/h2: h3 keeps the heading order
        if bank.description:
            title += f"<p>{_e(bank.description)}</p>"
        if rules_text(bank):
            title += f'<p class="geokit-rules"><small>{_e(rules_text(bank))}</small></p>'
        parts: list[w.Widget] = [_new(w.HTML, value=_CSS, layout=w.Layout(height="0px", margin="0"))
                                 .add_class("geokit-style"),
                                 _new(w.HTML, value=title).add_class("geokit-title")]
        if quiz.store.problem:
            parts.append(_new(w.HTML, value=f"<b>Warning:</b> {_e(quiz.store.problem)}")
                         .add_class("geokit-warning"))
        self.score = _new(w.HTML, value="").add_class("geokit-score")
        self.bar = _new(w.IntProgress, value=0, min=0, max=max(1, len(bank.questions)),
                                 description="Answered:", style=_LABEL).add_class(
                                     "geokit-progress")
        parts += [self.score, self.bar]
        self.questions = [QuestionView(quiz, q, i, self.update)
                          for i, q in enumerate(bank.questions, start=1)]
        parts += [v.box for v in self.questions]
        self.box = _new(w.VBox, children=parts).add_class("geokit-quiz")
        self.update()

    def update(self) -> None:
        s = self.quiz.score()
        self.score.value = f"<b>{_e(str(s))}</b>"
        self.bar.value = s.answered
