"""'What would change the picture': a teaching device, not a forecast.

An article's ``exercises.yaml`` may hold a ``what_if`` section: switches (factors), each touching
a premise or limit of an argument with a made-up weight, and readings of the total. Switching
factors on shows how an argument's conclusion hangs on its premises. :func:`what_if` gives the
reading as text and HTML; :func:`what_if_explorer` gives checkboxes.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from typing import Any

from geokit.data.exercises import Factor, WhatIf
from geokit.data.loader import load_article
from geokit.data.model import Article
from geokit.data.text import cite

__all__ = ["TEACHING_DEVICE", "WhatIfReading", "device", "what_if", "what_if_explorer"]

TEACHING_DEVICE = (
    "TEACHING DEVICE, NOT A FORECAST: this toy shows how the conclusion of an "
    "argument hangs on its premises. Its scores are made up for the lesson and "
    "predict nothing."
)


def device(article: str | os.PathLike[str] | None = None) -> tuple[WhatIf, Article]:
    """The article's what-if device (the default article's when ``article`` is None)."""
    art = load_article() if article is None else load_article(article)
    if art.what_if is None:
        raise LookupError(f"{art.id} has no what-if device (a what_if: section in its "
                          "exercises.yaml)")
    return art.what_if, art


@dataclass(frozen=True)
class WhatIfReading:
    """The device's reading for one set of switches; readable as text and HTML."""

    active: tuple[Factor, ...]
    score: int
    picture: str
    explanation: str
    device: WhatIf = field(repr=False, compare=False)

    def __str__(self) -> str:
        lines = [TEACHING_DEVICE, ""]
        if not self.active:
            lines.append("No switch on: the premises stand as the article gives them.")
        for f in self.active:
            arrow = self.device.towards if f.shift > 0 else self.device.away
            lines.append(
                f"- {f.label}: weakens or removes {f.touches} ({cite(f.paragraphs)}); "
                f"pushes {arrow}."
            )
        lines += ["", f"Picture: {self.picture}. {self.explanation}"]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = (
            "".join(
                f"<li><b>{html.escape(f.label)}</b>: weakens or removes {html.escape(f.touches)} "
                f"({html.escape(cite(f.paragraphs))})</li>"
                for f in self.active
            )
            or "<li>No switch on: the premises stand as the article gives them.</li>"
        )
        return (
            f'<div class="geokit-whatif" style="border:2px dashed #762a83;padding:8px 12px">'
            f'<div style="font-weight:bold;color:#762a83">{html.escape(TEACHING_DEVICE)}'
            f"</div><ul>{items}</ul><div><b>Picture:</b> {html.escape(self.picture)}. "
            f"{html.escape(self.explanation)}</div></div>"
        )


def reading(dev: WhatIf, switches: dict[str, bool]) -> WhatIfReading:
    """The reading of ``dev`` for these switches; ``TypeError`` for a switch it lacks."""
    keys = [f.key for f in dev.factors]
    for key in switches:
        if key not in keys:
            raise TypeError(f"unknown switch {key!r}; the switches are " + ", ".join(keys))
    active = tuple(f for f in dev.factors if switches.get(f.key))
    score = sum(f.shift for f in active)
    chosen = next(r for r in dev.readings if r.up_to is None or score <= r.up_to)
    return WhatIfReading(active, score, chosen.picture, chosen.explanation, dev)


def what_if(*, article: str | os.PathLike[str] | None = None, **switches: bool) -> WhatIfReading:
    """Switch factors on and read how the picture of the argument changes.

    A teaching device, not a forecast: the shifts are made-up weights that show which premises
    and limits hold the conclusion up. The switches are the keys of the factors in the
    article's ``exercises.yaml``.

    >>> what_if().score
    0
    >>> what_if(nonsense=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: unknown switch 'nonsense'; the switches are ...
    """
    dev, _ = device(article)
    return reading(dev, switches)


class _Explorer:
    """Checkboxes over :func:`what_if`; a readable text repr where widgets do not render."""

    def __init__(self, dev: WhatIf) -> None:
        import ipywidgets as w  # lazy: only when the explorer is shown

        self.device = dev
        self._boxes = {
            f.key: w.Checkbox(
                value=False, description=f.label, indent=False, layout=w.Layout(width="auto")
            )
            for f in dev.factors
        }
        self._out = w.HTML(reading(dev, {})._repr_html_())
        for box in self._boxes.values():
            box.observe(self._update, names="value")
        self.widget = w.VBox(
            [
                w.HTML("<b>What would change the picture?</b> Tick what you want to imagine."),
                *self._boxes.values(),
                self._out,
            ]
        )

    def _update(self, _change: Any = None) -> None:
        self._out.value = self.reading()._repr_html_()

    def reading(self) -> WhatIfReading:
        return reading(self.device, {k: b.value for k, b in self._boxes.items()})

    def set(self, **switches: bool) -> WhatIfReading:
        """Tick boxes from code (for tests, or a class demonstration)."""
        reading(self.device, switches)  # validate names
        for k, v in switches.items():
            self._boxes[k].value = bool(v)
        return self.reading()

    def __repr__(self) -> str:
        return (
            "What would change the picture? (checkboxes; if you see this text, call "
            "geokit.exercises.what_if(switch=True, ...) instead)\n" + str(self.reading())
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data or {})
        data["text/plain"] = repr(self)
        return data


def what_if_explorer(*, article: str | os.PathLike[str] | None = None) -> _Explorer:
    """The checkbox version of :func:`what_if`."""
    dev, _ = device(article)
    return _Explorer(dev)
