"""The quiz a student works through: grade, explain, cite, save, score. No widgets here.

>>> import geokit, tempfile
>>> quiz = geokit.quiz("pakistan-russia-2012", "sources", student="ada",
...                    store=tempfile.mkdtemp())
>>> quiz.answer("no-such-question", "a").message  # doctest: +ELLIPSIS
"this quiz has no question 'no-such-question'; its questions are ..."
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Any

from geokit.data.model import Article
from geokit.data.questions import Bank, Question
from geokit.errors import GeokitWarning
from geokit.quizzes.grading import grade
from geokit.quizzes.results import Citation, Progress, QuestionProgress, Result, Score
from geokit.quizzes.reveal import present, tries_left, used_up_message
from geokit.quizzes.store import (
    AnswerStore,
    StoreError,
    TriesUsedUp,
    default_store,
    default_student,
    now,
    remember,
)
from geokit.quizzes.types import question_type

__all__ = ["Quiz", "open_quiz"]


class Quiz:
    """One student's attempt at one question bank, saved as they go.

    Parameters
    ----------
    bank
        The question bank.
    article
        The article the bank cites; gives each result the text of its paragraphs.
    student
        Whose answers these are; default ``$JUPYTERHUB_USER`` or the login name.
    store
        Folder the answers are saved in; default ``$GEOKIT_STORE`` or ``.geokit``.
    """

    def __init__(self, bank: Bank, article: Article | None = None, *, student: str | None = None,
                 store: str | os.PathLike[str] | None = None) -> None:
        self.bank = bank
        self.article = article
        self.student = _student_name(student) or default_student()
        root = Path(store).expanduser().absolute() if store is not None else default_store()
        article_id = article.id if article is not None else (bank.article or "unattached")
        self.store = AnswerStore(root, self.student, article_id, bank.id)
        #: notes from converting an imported bank (unsupported jupyterquiz fields)
        self.notes: tuple[str, ...] = ()
        self._saved: dict[str, dict[str, Any]] = {}
        try:
            self._saved = self.store.load()
        except StoreError as exc:  # e.g. a file from a newer geokit: keep it, say so, go on
            why = str(exc) if str(exc).endswith(".") else f"{exc}."
            self.store.problem = f"{why} Answers are not saved until this is resolved."
            warnings.warn(self.store.problem, GeokitWarning, stacklevel=2)

    # -- questions -----------------------------------------------------------------------------

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.bank.questions

    def question(self, question_id: str) -> Question:
        """The question with this id (``LookupError`` if there is none)."""
        return self.bank.question(question_id)

    @property
    def n_paragraphs(self) -> int:
        return len(self.article.paragraphs) if self.article is not None else 0

    def display_order(self, q: Question) -> list[str]:
        """The keys of ``q`` (option ids, items to order, matching choices) in the order this
        student sees them, in the widget and the text and HTML views alike; ``[]`` for a type
        with nothing to reorder.

        The order is fixed by (student, article, bank, question id): the same after a restart
        and on another machine, different from student to student, and unrelated to the
        authored order. Answers are stored by key, so the order never affects grading.
        """
        return question_type(q.type).arrange(q, (self.student, self.store.article,
                                                 self.bank.id))

    def citations(self, q: Question) -> tuple[Citation, ...]:
        """The paragraphs ``q`` cites, with their text."""
        if self.article is None:
            return ()
        n = self.n_paragraphs
        return tuple(Citation(p, self.article.paragraphs[p - 1].text) for p in q.paragraphs
                     if 1 <= p <= n)

    # -- answering -----------------------------------------------------------------------------

    def _unknown(self, question_id: Any) -> Result:
        ids = ", ".join(q.id for q in self.questions)
        shown = repr(question_id) if isinstance(question_id, str) else (
            f"{question_id!r} (question ids are text)")
        return Result(str(question_id), "invalid", 0.0, 0.0, "",
                      message=f"this quiz has no question {shown}; its questions are {ids}")

    def _graded(self, q: Question, value: Any) -> Result:
        """The full result of ``value`` for ``q``, before the bank's reveal rules."""
        g = grade(q, value, n_paragraphs=self.n_paragraphs or None)
        if not g.valid:
            return Result(q.id, "invalid", 0.0, q.points, "", message=g.message)
        points = round(g.credit * q.points, 6) if g.status != "submitted" else 0.0
        return Result(q.id, g.status, points, q.points, g.feedback, q.explanation,
                      self.citations(q), g.value, model_answer=q.model_answer)

    def _shown(self, q: Question, result: Result, record: dict[str, Any] | None) -> Result:
        """``result`` as the bank's rules (:mod:`geokit.quizzes.reveal`) let it be seen."""
        shown = present(result, self.bank, q, record)
        attempts = (record or {}).get("attempts", 0)
        left = tries_left(self.bank, attempts if isinstance(attempts, int) else 0)
        return _replace(shown, tries_left=left) if record and shown.status != "invalid" \
            else shown

    def evaluate(self, q: Question, value: Any) -> Result:
        """Grade ``value`` for ``q`` without saving, shown as the bank's reveal rules allow
        given the saved answers (what a redisplayed widget shows)."""
        return self._shown(q, self._graded(q, value), self._saved.get(q.id))

    def tries_left(self, question_id: str) -> int | None:
        """Checks question ``question_id`` still allows; None when the bank sets no limit."""
        rec = self._saved.get(question_id) or {}
        attempts = rec.get("attempts", 0)
        return tries_left(self.bank, attempts if isinstance(attempts, int) else 0)

    def answer(self, question_id: str, value: Any) -> Result:
        """Check an answer, save it, and return the result with feedback and cited paragraphs,
        as the bank's rules let the student see them (``reveal``, ``mode``).

        Never raises for a wrong type or shape of ``value`` or an unknown ``question_id``: the
        result's ``status`` is then ``'invalid'`` and its ``message`` says what was expected and
        what was given. Nothing is saved for an invalid answer. Once a question's tries (the
        bank's ``retries``) are used up, the status is ``'unavailable'``, the message says so
        and the saved answer is kept as it is.
        """
        try:
            q = self.bank.get(question_id) if isinstance(question_id, str) else None
            if q is None:
                return self._unknown(question_id)
            self._refresh()  # tries used in another notebook count too
            if self.tries_left(q.id) == 0:
                return self._used_up(q)
            result = self._graded(q, value)
            if result.status == "invalid":
                return result
            exam = self.bank.mode == "exam"
            # an exam's file says nothing about correctness either: the gradebook regrades
            record = {"value": result.value, "status": "submitted" if exam else result.status,
                      "points": 0.0 if exam else result.points, "max_points": q.points,
                      "correct": None if exam else result.correct, "timestamp": now()}
            try:
                self._saved = self.store.save(q.id, record, max_attempts=self.bank.max_attempts)
            except TriesUsedUp:
                self.reload()
                return self._used_up(q)
            except StoreError as exc:  # keep the answer in memory; say it is not saved
                self._saved[q.id] = remember(self._saved.get(q.id, {}), record)
                shown = self._shown(q, result, self._saved[q.id])
                return _replace(shown, save_error=f"not saved: {exc}",
                                attempts=self._saved[q.id]["attempts"])
            shown = self._shown(q, result, self._saved[q.id])
            return _replace(shown, saved=True, attempts=self._saved[q.id]["attempts"])
        except Exception as exc:
            return Result(str(question_id), "invalid", 0.0, 0.0, "",
                          message=f"geokit could not check this answer ({type(exc).__name__}: "
                          f"{exc}); please tell your instructor")

    def _used_up(self, q: Question) -> Result:
        rec = self._saved.get(q.id) or {}
        attempts = rec.get("attempts", 0)
        return Result(q.id, "unavailable", 0.0, q.points, "", value=rec.get("value"),
                      message=used_up_message(self.bank, attempts), attempts=attempts,
                      tries_left=0)

    # -- saved state ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the saved answers (another notebook may have added some)."""
        try:
            self._saved = self.store.load()
        except StoreError as exc:
            self.store.problem = str(exc)

    def _refresh(self) -> None:
        if self.store.changed():
            self.reload()

    def saved(self, question_id: str) -> dict[str, Any] | None:
        """The saved record for a question (value, status, points, attempts...), or None."""
        return self._saved.get(question_id)

    def stale(self, question_id: str) -> str | None:
        """Why the saved answer to a question is no answer to it now, or None if it is.

        A file saved before the bank changed may name an option the question no longer has (an
        option id of an earlier version, such as ``'a'``). Such an answer is never read as
        another option: it scores nothing, counts as unanswered, and the file is left as it is
        until the student answers again.
        """
        rec = self._saved.get(question_id)
        q = self.bank.get(question_id)
        if not rec or q is None or "value" not in rec:
            return None
        g = grade(q, rec["value"], n_paragraphs=self.n_paragraphs or None)
        return None if g.valid else (
            f"your saved answer is not a valid answer now: {g.message}; please answer again")

    def score(self) -> Score:
        """Points so far; open responses wait for the instructor."""
        self._refresh()
        pts, answered, correct, pending = 0.0, 0, 0, 0
        for q in self.questions:
            rec = self._saved.get(q.id)
            if not rec or self.stale(q.id):
                continue
            answered += 1
            if rec.get("status") == "submitted":
                pending += 1
                continue
            p = rec.get("points", 0)
            pts += float(p) if isinstance(p, (int, float)) else 0.0
            correct += rec.get("status") == "correct"
        return Score(round(pts, 6), self.bank.max_points, answered, len(self.questions),
                     correct, pending, exam=self.bank.mode == "exam")

    def progress(self) -> Progress:
        """The score and, per question, its status, points and attempts."""
        score = self.score()
        rows = []
        for q in self.questions:
            rec = self._saved.get(q.id) or {}
            stale = self.stale(q.id) is not None
            rows.append(QuestionProgress(q.id, q.type,
                                         "invalid" if stale else rec.get("status", "unanswered"),
                                         0.0 if stale else float(rec.get("points", 0) or 0),
                                         q.points, int(rec.get("attempts", 0) or 0)))
        return Progress(score, tuple(rows))

    # -- display -------------------------------------------------------------------------------

    def widget(self) -> Any:
        """The quiz as ipywidgets (imported here, not before), restored from saved answers."""
        from geokit.quizzes.widgets import QuizView

        return QuizView(self).box

    def show(self) -> None:
        """Display the quiz: widgets in a live front end, readable text elsewhere.

        In a kernel a second, printable output follows the widgets: the prompts and options as
        HTML, without answers. The widgets' style sheet hides it wherever they render; an
        ``nbconvert --to html`` export read offline cannot render widgets (it prefers their view
        to any HTML beside it), so there the printable copy is what a reader sees.
        """
        if _in_kernel():
            from IPython.display import display

            from geokit.quizzes.render import PRINT_CLASS, quiz_html

            display(self)  # type: ignore[no-untyped-call]
            display({"text/html": quiz_html(self, PRINT_CLASS),  # type: ignore[no-untyped-call]
                     "text/plain": ""}, raw=True)  # text front ends have the quiz's text
        else:
            print(self.__repr__())

    def __repr__(self) -> str:
        from geokit.quizzes.render import quiz_text

        self._refresh()
        return quiz_text(self)

    def _repr_html_(self) -> str:
        from geokit.quizzes.render import quiz_html

        self._refresh()
        return quiz_html(self)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/plain": self.__repr__(), "text/html": self._repr_html_()}
        if _in_kernel():  # the widget view, beside the text that non-widget front ends show
            view = self.widget()._repr_mimebundle_() or {}
            bundle.update({k: v for k, v in view.items() if k != "text/plain"})
        return bundle


def _student_name(student: Any) -> str:
    """The student's name as text, stripped; a student number (an int) is taken as its digits."""
    if student is None:
        return ""
    if isinstance(student, int) and not isinstance(student, bool):
        student = str(student)
    if not isinstance(student, str):
        raise TypeError(f"student= takes the student's name as text, e.g. student=\"ada\"; "
                        f"found {type(student).__name__} {student!r}")
    return student.strip()


def _replace(result: Result, **changes: Any) -> Result:
    import dataclasses

    return dataclasses.replace(result, **changes)


def _in_kernel() -> bool:
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def open_quiz(article: str | os.PathLike[str] = "pakistan-russia-2012", bank: str = "", *,
              student: str | None = None,
              store: str | os.PathLike[str] | None = None) -> Quiz:
    """Open a question bank of an article as a quiz; :func:`geokit.quiz` documents the call."""
    from geokit.data.loader import load_article

    art = load_article(article)
    banks = {b.id: b for b in art.quiz_banks}
    if bank not in banks:
        known = ", ".join(repr(b) for b in banks) or "none (it has no quizzes/ folder)"
        raise LookupError(f"{art.id} has no question bank {bank!r}; its banks are {known}")
    return Quiz(banks[bank], art, student=student, store=store)
