"""The timeline: every dated event, at the precision the article gives it.

A date known only to the month, the week or as an interval is drawn as a span over the days it
covers, never as a made-up day. Most events crowd into the last weeks before publication while a
few reach back a decade, so the figure has two panels: the long view, and a zoom on the last
months (the zoomed window is shaded in the long view). Undated events are not drawn; the caption
and the alt text list them.

With ``context=True`` the figure also draws the article folder's outside records
(``context.yaml``): facts from other sources, styled apart from the article's own events (grey
squares, italic labels that name the source, never a paragraph) so that a reader never takes one
for the other.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import matplotlib.dates as _mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from geokit.data.dates import date_bounds, precision
from geokit.data.model import Article
from geokit.data.text import cite, cite_compact, join_names, plural
from geokit.plots._common import (
    OKABE_ITO,
    as_article,
    attach,
    axes_inches,
    caption,
    new_axes,
    style,
    wrap,
)

__all__ = ["timeline", "timeline_data"]

mdates: Any = _mdates  # matplotlib.dates has no type hints

#: colour and marker per event kind (colour never alone: the marker shape says it too)
KIND_STYLE: dict[str, dict[str, str]] = {
    "visit": {"color": OKABE_ITO["blue"], "marker": "o"},
    "meeting": {"color": OKABE_ITO["green"], "marker": "s"},
    "summit": {"color": OKABE_ITO["vermillion"], "marker": "*"},
    "commission_session": {"color": OKABE_ITO["purple"], "marker": "D"},
    "signing": {"color": OKABE_ITO["orange"], "marker": "P"},
    "statement": {"color": OKABE_ITO["sky"], "marker": "^"},
    "invitation": {"color": OKABE_ITO["yellow"], "marker": "v"},
    "cancellation": {"color": OKABE_ITO["black"], "marker": "X"},
    "process": {"color": OKABE_ITO["grey"], "marker": "h"},
}
#: how an outside record (context.yaml) is drawn: one grey look, apart from every article kind
OUTSIDE_STYLE: dict[str, str] = {"color": "#BBBBBB", "marker": "s", "hatch": "...."}
STATUS_WORD = {"took_place": "", "cancelled": "CANCELLED", "planned": "planned",
               "proposed": "proposed"}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _as_date(value: dt.date | str | None, end: bool) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    lo, hi = date_bounds(str(value))
    return hi if end else lo


def _fmt_one(value: str) -> str:
    lo, _ = date_bounds(value)
    p = precision(value)
    if p == "day":
        return f"{lo.day} {_MONTHS[lo.month - 1]} {lo.year}"
    if p == "month":
        return f"{_MONTHS[lo.month - 1]} {lo.year}"
    if p == "week":
        return f"week of {lo.day} {_MONTHS[lo.month - 1]} {lo.year}"
    return str(lo.year)


def date_label(value: str) -> str:
    """A reader's form of an ISO value: '4 Oct 2012', 'Aug 2012', '2–3 Oct 2012', '1990–1999'."""
    if "/" not in value:
        return _fmt_one(value)
    a, _, b = value.partition("/")
    lo, _ = date_bounds(a)
    _, hi = date_bounds(b)
    if precision(a) == precision(b) == "day" and (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.day}–{hi.day} {_MONTHS[lo.month - 1]} {lo.year}"
    return f"{_fmt_one(a)} – {_fmt_one(b)}"


def event_date_label(value: str, wording: str) -> str:
    """The date as an event's label shows it: a week, or an interval longer than a month, also
    carries the article's own words, so that a reading such as 1995–1999 for "late 1990s" (or
    the week of 1 October for "last week") is shown as ours, not as the text's.

    >>> event_date_label("1995/1999", "late 1990s")
    '“late 1990s”, read as 1995 – 1999'
    >>> event_date_label("2012-W40", "last week")
    '“last week”, read as week of 1 Oct 2012'
    >>> event_date_label("2012-10-02/2012-10-03", "from 2-3 October 2012")
    '2–3 Oct 2012'
    """
    label = date_label(value)
    lo, hi = date_bounds(value)
    vague = precision(value) == "week" or ("/" in value and (hi - lo).days > 31)
    if vague and wording.strip():
        return f"“{wording.strip()}”, read as {label}"
    return label


def _month_start(d: dt.date, back: int = 0) -> dt.date:
    m = d.year * 12 + d.month - 1 - back
    return dt.date(m // 12, m % 12 + 1, 1)


def _month_end(d: dt.date) -> dt.date:
    return _month_start(d, -1) - dt.timedelta(days=1)


def _short_outlet(outlet: str) -> str:
    """'Pakistan Today (editorial)' -> 'Pakistan Today': enough to name the source on a label."""
    return outlet.split(" (")[0].split(",")[0].strip()


def timeline_data(article: Article | str | os.PathLike[str], *,
                  start: dt.date | str | None = None,
                  end: dt.date | str | None = None,
                  context: bool = False) -> dict[str, Any]:
    """What :func:`timeline` draws: events with their day ranges and panels, and the undated.

    Each event has an ``origin``: ``"article"`` for the article's own events, ``"outside"`` for
    the outside records of ``context.yaml`` (drawn only with ``context=True``), which carry
    their ``source`` instead of a paragraph the article dates them in. An outside record that
    dates one of the article's events (its ``event`` field) is drawn whenever that event is,
    with ``corrects`` naming the event, and the event's ``outside_record`` naming it back.
    """
    art = as_article(article)
    lo_lim, hi_lim = _as_date(start, False), _as_date(end, True)
    if lo_lim and hi_lim and hi_lim < lo_lim:
        raise ValueError(f"the date range ends ({hi_lim}) before it starts ({lo_lim})")
    order = {e.id: i for i, e in enumerate(art.events)}
    events: list[dict[str, Any]] = []
    undated: list[dict[str, Any]] = []
    outside: list[str] = []
    for e in art.events:
        base: dict[str, Any] = {"id": e.id, "title": e.title, "kind": e.kind, "status": e.status,
                "paragraphs": sorted(e.paragraphs), "wording": e.date.wording,
                "origin": "article"}
        if e.date.value is None:
            undated.append(base)
            continue
        lo, hi = date_bounds(e.date.value)
        if (lo_lim and hi < lo_lim) or (hi_lim and lo > hi_lim):
            outside.append(e.id)
            continue
        p = precision(e.date.value)
        events.append({**base, "value": e.date.value, "precision": p,
                       "start": lo.isoformat(), "end": hi.isoformat(), "span": p != "day",
                       "date_label": event_date_label(e.date.value, e.date.wording)})
    drawn = {ev["id"]: ev for ev in events}
    for i, fact in enumerate(art.context):
        # an outside record that dates one of the article's events differently is drawn beside
        # that event whenever the event is drawn: the article's date is not shown alone
        corrects = fact.event if fact.event in drawn else ""
        if not (context or corrects):
            continue
        order[fact.id] = len(art.events) + i
        lo, hi = date_bounds(fact.when)
        if (lo_lim and hi < lo_lim) or (hi_lim and lo > hi_lim):
            outside.append(fact.id)
            continue
        p = precision(fact.when.partition("/")[0])
        events.append({"id": fact.id, "title": fact.title or fact.what, "kind": "outside",
                       "status": "took_place", "paragraphs": sorted(fact.paragraphs),
                       "wording": "", "origin": "outside", "value": fact.when, "precision": p,
                       "start": lo.isoformat(), "end": hi.isoformat(),
                       "span": "/" in fact.when or p != "day",
                       "date_label": date_label(fact.when),
                       "source": {"outlet": fact.source.outlet, "date": fact.source.date,
                                  "url": fact.source.url or fact.source.reference},
                       "corrects": corrects})
        if corrects:
            drawn[corrects]["outside_record"] = fact.id
    events.sort(key=lambda ev: (ev["start"], ev["end"], order[ev["id"]]))

    panels: list[dict[str, Any]] = []
    if events:
        first = min(dt.date.fromisoformat(ev["start"]) for ev in events)
        last = max(dt.date.fromisoformat(ev["end"]) for ev in events)
        published = dt.date.fromisoformat(art.meta.published)
        if lo_lim is None and hi_lim is None:
            last = max(last, published)
        lo_view = max(lo_lim, first) if lo_lim else first
        hi_view = min(hi_lim, last) if hi_lim else last
        # with outside records reaching past publication, the zoom stays on the article's months
        anchor = min(hi_view, published) if context else hi_view
        zoom_lo, zoom_hi = _month_start(anchor, back=2), _month_end(anchor)

        def zoomed(ev: dict[str, Any]) -> bool:
            return zoom_lo <= dt.date.fromisoformat(ev["start"]) <= zoom_hi

        early = [ev for ev in events if not zoomed(ev)]
        late = [ev for ev in events if zoomed(ev)]
        if (hi_view - lo_view).days > 400 and early and late:
            panels = [
                {"name": "long", "start": dt.date(lo_view.year, 1, 1).isoformat(),
                 "end": max(zoom_hi, _month_end(hi_view)).isoformat(),
                 "events": [ev["id"] for ev in early],
                 "zoom": [zoom_lo.isoformat(), zoom_hi.isoformat()]},
                {"name": "zoom", "start": zoom_lo.isoformat(), "end": zoom_hi.isoformat(),
                 "events": [ev["id"] for ev in late]},
            ]
        else:
            span_days = (hi_view - lo_view).days
            if span_days > 400:
                a, b = dt.date(lo_view.year, 1, 1), dt.date(hi_view.year, 12, 31)
            else:
                a, b = _month_start(lo_view), _month_end(hi_view)
            panels = [{"name": "all", "start": a.isoformat(), "end": b.isoformat(),
                       "events": [ev["id"] for ev in events]}]
        for panel in panels:
            for ev in events:
                if ev["id"] in panel["events"]:
                    ev["panel"] = panel["name"]
    return {
        "figure": "timeline",
        "article": art.id,
        "published": art.meta.published,
        "range": [lo_lim.isoformat() if lo_lim else None, hi_lim.isoformat() if hi_lim else None],
        "context": context,
        "events": events,
        "undated": undated,
        "outside_range": outside,
        "panels": panels,
    }


def _alt(art: Article, data: dict[str, Any]) -> str:
    evs = data["events"]
    if not evs:
        text = f"Timeline for “{art.meta.title}”: no dated event in the chosen range."
    else:
        spans = [e for e in evs if e["span"]]
        cancelled = [e for e in evs if e["status"] == "cancelled"]
        first_ev = min(evs, key=lambda e: e["start"])
        first = dt.date.fromisoformat(first_ev["start"])
        last = dt.date.fromisoformat(max(e["end"] for e in evs))
        # the earliest event says the month only if its date gives one ("1995", not "Jan 1995")
        known = precision(first_ev["value"].partition("/")[0]) in ("day", "week", "month")
        text = (f"Timeline of events in “{art.meta.title}” ({art.meta.outlet}, "
                f"{art.meta.published}): {plural(len(evs), 'dated event')} between "
                + (f"{_MONTHS[first.month - 1]} " if known else "")
                + f"{first.year} and {_MONTHS[last.month - 1]} {last.year}. ")
        if len(data["panels"]) == 2:
            z = data["panels"][1]
            text += (f"The upper panel shows the long view; the lower panel zooms on "
                     f"{date_label(z['start'][:7])} to {date_label(z['end'][:7])}, where "
                     f"{plural(len(z['events']), 'event')} fall. ")
        outside_evs = [e for e in evs if e["origin"] == "outside"]
        if outside_evs:
            text += (f"Two kinds of event are drawn. {plural(len(evs) - len(outside_evs), 'event')}"
                     " from the article are drawn in colour by kind, each label citing its "
                     f"paragraph; {plural(len(outside_evs), 'outside event')} from other sources "
                     "(context.yaml, not the article) are drawn as grey squares or dotted grey "
                     "spans with italic labels naming their source. ")
        text += "Events in order: " + "; ".join(
            (f"{e['title']} ({e['date_label']}, outside the article, source: "
             f"{e['source']['outlet']}, {e['source']['date']})" if e["origin"] == "outside" else
             f"{e['title']} ({e['date_label']}, {cite(e['paragraphs'])}"
             + (f", {STATUS_WORD[e['status']].lower()}" if STATUS_WORD[e["status"]] else "")
             + ")") for e in evs) + ". "
        by_id = {e["id"]: e for e in evs}
        for o in outside_evs:
            if o.get("corrects") in by_id:
                a = by_id[o["corrects"]]
                text += (f"Two dates for one event: the article dates “{a['title']}” "
                         f"{a['date_label']}; an outside source, "
                         f"{o['source']['outlet']} of {o['source']['date']}, dates it "
                         f"{o['date_label']} (drawn grey, beside it). ")
        text += (f"{plural(len(spans), 'event')} known only to the month, week, year or as an "
                 "interval are drawn as spans, not as single days. ")
        if cancelled:
            text += ("Cancelled, drawn hollow and labelled: "
                     + join_names([e["title"] for e in cancelled]) + ". ")
    if data["undated"]:
        text += (f"Not drawn because the article gives no date "
                 f"({plural(len(data['undated']), 'event')}): "
                 + "; ".join(f"{u['title']} ({cite(u['paragraphs'])})" for u in data["undated"])
                 + ".")
    if data["outside_range"]:
        text += f" {plural(len(data['outside_range']), 'event')} outside the chosen range."
    return text.strip()


def timeline(article: Article | str | os.PathLike[str], *, start: dt.date | str | None = None,
             end: dt.date | str | None = None, ax: Axes | None = None,
             figsize: tuple[float, float] | None = None, context: bool = False) -> Figure:
    """Draw every dated event of an article on a time axis.

    Parameters
    ----------
    article
        An :class:`~geokit.data.model.Article`, a bundled article id or an article folder.
    start, end
        Limit the view to events overlapping this range (dates or ISO strings such as
        ``"2011"`` or ``"2012-08"``); default all.
    ax
        Axes to draw into (the two panels are laid out inside it); default a new figure.
    figsize
        Size in inches of the new figure (ignored with ``ax``); default 12 x 9. For a
        1024 x 768 projector, ``(10.24, 7.68)``.
    context
        Also draw the outside records of the article's ``context.yaml``, styled apart from the
        article's events (grey, italic, labelled with their source), with a legend entry and
        alt text that say which is which.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from geokit.plots import timeline, figure_data
    >>> fig = timeline("pakistan-russia-2012", start="2012-08")
    >>> timeline("pakistan-russia-2012", start="2012-13")
    Traceback (most recent call last):
    ...
    ValueError: '2012-13' is not a real date: month must be in 1..12
    """
    art = as_article(article)
    data = timeline_data(art, start=start, end=end, context=context)
    with style():
        w, h = figsize or (12, 9)
        # keep 1.35 in below the panels for the legend and caption, 0.6 in above for the title
        fig, host, _ = new_axes(ax, (w, h), rect=(0.015, 1.35 / h, 0.97, 1 - 1.95 / h))
        _draw(fig, host, art, data)
    return attach(fig, host, "timeline", data, _alt(art, data))


def _draw(fig: Figure, host: Axes, art: Article, data: dict[str, Any]) -> None:
    evs = {e["id"]: e for e in data["events"]}
    n = len(evs)
    host.set_axis_off()
    title = f"When it happened: {plural(n, 'dated event')}"
    if data["panels"]:
        title += f", {date_label(data['panels'][0]['start'][:4])}–" \
                 f"{date_label(max(p['end'] for p in data['panels'])[:7])}"
    host.set_title(title, loc="left")
    _caption(host, art, data)
    if not evs:
        host.text(0.5, 0.5, "No dated event in this range.", ha="center", va="center",
                  fontsize=13, transform=host.transAxes)
        return
    w_in, h_in = axes_inches(host)
    label_in = 2.85  # room for the event titles on the left
    lx = min(0.45, label_in / w_in)
    rows = [len(p["events"]) for p in data["panels"]]
    gap = min(0.2, 0.6 / h_in) if len(rows) == 2 else 0.0
    avail = 1.0 - gap - (0.35 / h_in if len(rows) == 2 else 0.0)
    heights = [avail * r / sum(rows) for r in rows]
    if len(rows) == 2:  # neither panel squeezed below a readable height
        low = max(0.22, heights[0])
        heights = [low, avail - low]
    y_top = 1.0
    for panel, h in zip(data["panels"], heights, strict=True):
        ax = host.inset_axes((lx, y_top - h, 1.0 - lx, h))
        ax.set_gid(f"panel:{panel['name']}")
        _draw_panel(ax, panel, [evs[i] for i in panel["events"]], data, w_in * (1 - lx))
        y_top -= h + gap + (0.35 / h_in if len(rows) == 2 else 0.0)
    handles = _legend_handles(list(evs.values()), narrow=w_in <= 11)
    host.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.3 / h_in),
                # six columns with the outside entry, so the legend stays two rows above the caption
                ncol=min(len(handles), 6 if len(handles) > 10 else 5),
                fontsize=10 if w_in > 11 else 9,
                frameon=False, handlelength=1.6 if w_in > 12 else 1.2,
                columnspacing=1.2 if w_in > 12 else 0.7)


def _draw_panel(ax: Axes, panel: dict[str, Any], events: list[dict[str, Any]],
                data: dict[str, Any], width_in: float) -> None:
    x0 = mdates.date2num(dt.date.fromisoformat(panel["start"]))
    # a hair short of the next day, so no tick label sits on the right edge and gets clipped
    x1 = mdates.date2num(dt.date.fromisoformat(panel["end"]) + dt.timedelta(days=1)) - 0.01
    ax.set_xlim(x0, x1)
    ax.set_ylim(len(events) - 0.4, -0.6)
    ax.set_yticks(range(len(events)))
    ax.set_yticklabels([wrap(e["title"], 36) for e in events], fontsize=10.5,
                       linespacing=1.0)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    days = x1 - x0
    # dates are calendar days: tick and label them in UTC, whatever the user's rc timezone
    if days > 800:
        years = max(1, round(days / 365 / 10))
        ax.xaxis.set_major_locator(mdates.YearLocator(years, tz="UTC"))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y", tz="UTC"))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(tz="UTC"))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y", tz="UTC"))
        ax.xaxis.set_minor_locator(mdates.DayLocator(bymonthday=(8, 15, 22), tz="UTC"))
        ax.xaxis.set_minor_formatter(mdates.DateFormatter("%d", tz="UTC"))
        ax.tick_params(axis="x", which="minor", labelsize=9, colors="#555555")
    if "zoom" in panel:
        z0 = mdates.date2num(dt.date.fromisoformat(panel["zoom"][0]))
        z_end = mdates.date2num(dt.date.fromisoformat(panel["zoom"][1]) + dt.timedelta(days=1))
        ax.axvspan(z0, min(z_end, x1), color="#E8E8E8", zorder=0, gid="zoom-band")
        z1 = dt.date.fromisoformat(panel["zoom"][1])
        zlo = dt.date.fromisoformat(panel["zoom"][0])
        ax.text(x1, -0.62, f"{_MONTHS[zlo.month - 1]}–{_MONTHS[z1.month - 1]} {z1.year} "
                "(shaded) zoomed below ▼", ha="right", va="bottom", fontsize=10,
                color="#333333")
    pub = dt.date.fromisoformat(data["published"])
    if x0 <= mdates.date2num(pub) <= x1 and "zoom" not in panel:
        px = mdates.date2num(pub)
        ax.axvline(px, color="black", linestyle=(0, (4, 3)), linewidth=1.2, zorder=1)
        ax.text(px, -0.6, f" article published {date_label(data['published'])}",
                ha="left" if px < x0 + 0.7 * days else "right", va="bottom", fontsize=10)

    rows = {e["id"]: y for y, e in enumerate(events)}
    for y, e in enumerate(events):
        if e["origin"] == "outside":
            _draw_outside(ax, y, e, days, x0, x1, width_in)
            if e.get("corrects") in rows:  # a dotted grey link to the article's date of it
                other = next(ev for ev in events if ev["id"] == e["corrects"])
                xa = mdates.date2num(dt.date.fromisoformat(e["start"])) + 0.5
                xb = mdates.date2num(dt.date.fromisoformat(other["start"]))
                ax.plot([xa, xb], [y, rows[e["corrects"]]], color="#555555", linewidth=1.0,
                        linestyle=":", zorder=2, gid=f"link:{e['id']}:{e['corrects']}")
            continue
        st = KIND_STYLE[e["kind"]]
        lo = mdates.date2num(dt.date.fromisoformat(e["start"]))
        hi = mdates.date2num(dt.date.fromisoformat(e["end"]) + dt.timedelta(days=1))
        hollow = e["status"] != "took_place"
        if e["span"]:
            rect = Rectangle((lo, y - 0.22), hi - lo, 0.44,
                             facecolor="white" if hollow else st["color"],
                             edgecolor=st["color"] if hollow else "black",
                             hatch="////" if hollow else None, linewidth=1.6,
                             linestyle="--" if e["status"] in ("planned", "proposed") else "-",
                             zorder=3, gid=f"event:{e['id']}:span")
            ax.add_patch(rect)
            # tiny spans stay visible: caps at both ends mark where the span starts and ends
            ax.plot([lo, lo], [y - 0.3, y + 0.3], color="black", linewidth=1.2, zorder=4)
            ax.plot([hi, hi], [y - 0.3, y + 0.3], color="black", linewidth=1.2, zorder=4)
            right, left = hi, lo
        else:
            (pt,) = ax.plot([lo + 0.5], [y], linestyle="none", marker=st["marker"],
                            markersize=15 if st["marker"] == "*" else 11,
                            markerfacecolor="white" if hollow else st["color"],
                            markeredgecolor=st["color"] if hollow else "black",
                            markeredgewidth=2.2 if hollow else 1.2, zorder=4)
            pt.set_gid(f"event:{e['id']}:day")
            right = left = lo + 0.5
        word = STATUS_WORD[e["status"]]
        label = f"{e['date_label']} · {cite_compact(e['paragraphs'])}" + (
            f" · {word}" if word else "")
        pad = days * 0.012
        # right of the mark if the label fits there, else left of it (estimated width)
        per_char = 0.68 if e["status"] == "cancelled" else 0.6  # bold is wider
        need = len(label) * 10.5 * per_char / 72 / width_in * days
        if right + pad + need > x1 and left - pad - need < x0 and " · " in label:
            # fits on neither side (a quoted wording on a narrow figure): two lines
            label = label.replace(" · ", "\n", 1)
            need = max(map(len, label.split("\n"))) * 10.5 * per_char / 72 / width_in * days
        if right + pad + need > x1 and left - pad - need >= x0:
            tx, ha = left - pad, "right"
        else:
            tx, ha = right + pad, "left"
        ax.text(tx, y, label, ha=ha, va="center", fontsize=10.5, linespacing=1.0,
                fontweight="bold" if e["status"] == "cancelled" else "normal",
                gid=f"label:{e['id']}",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                      "alpha": 0.85}, zorder=5)


def _draw_outside(ax: Axes, y: int, e: dict[str, Any], days: float, x0: float, x1: float,
                  width_in: float) -> None:
    """One outside record: grey, dotted, italic, its label naming the source, not a paragraph."""
    lo = mdates.date2num(dt.date.fromisoformat(e["start"]))
    hi = mdates.date2num(dt.date.fromisoformat(e["end"]) + dt.timedelta(days=1))
    st = OUTSIDE_STYLE
    if e["span"]:
        ax.add_patch(Rectangle((lo, y - 0.22), hi - lo, 0.44, facecolor=st["color"],
                               edgecolor="#555555", hatch=st["hatch"], linestyle=":",
                               linewidth=1.4, zorder=3, gid=f"outside:{e['id']}:span"))
        ax.plot([lo, lo], [y - 0.3, y + 0.3], color="#555555", linewidth=1.0, zorder=4)
        ax.plot([hi, hi], [y - 0.3, y + 0.3], color="#555555", linewidth=1.0, zorder=4)
        right, left = hi, lo
    else:
        (pt,) = ax.plot([lo + 0.5], [y], linestyle="none", marker=st["marker"], markersize=9,
                        markerfacecolor=st["color"], markeredgecolor="#555555",
                        markeredgewidth=1.2, zorder=4)
        pt.set_gid(f"outside:{e['id']}:day")
        right = left = lo + 0.5
    label = f"{e['date_label']} · outside: {_short_outlet(e['source']['outlet'])}"
    pad = days * 0.012
    need = len(label) * 10 * 0.6 / 72 / width_in * days
    if right + pad + need > x1 and left - pad - need >= x0:
        tx, ha = left - pad, "right"
    else:
        tx, ha = right + pad, "left"
    ax.text(tx, y, label, ha=ha, va="center", fontsize=10, fontstyle="italic", color="#444444",
            gid=f"label:{e['id']}",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.85}, zorder=5)
    tick = ax.get_yticklabels()[y]
    tick.set_fontstyle("italic")
    tick.set_color("#444444")


def _legend_handles(events: list[dict[str, Any]], narrow: bool = False) -> list[Any]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    kinds = [k for k in KIND_STYLE if any(e["kind"] == k for e in events)]
    handles: list[Any] = [
        Line2D([], [], linestyle="none", marker=KIND_STYLE[k]["marker"],
               markersize=13 if KIND_STYLE[k]["marker"] == "*" else 10,
               markerfacecolor=KIND_STYLE[k]["color"], markeredgecolor="black",
               label=k.replace("_", " ")) for k in kinds]
    handles.append(Patch(facecolor="#999999", edgecolor="black",
                         label="span: not one day" if narrow
                         else "span: month, week, year or interval"))
    if any(e["status"] == "cancelled" for e in events):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=10,
                              markerfacecolor="white", markeredgecolor="black",
                              markeredgewidth=2, label="hollow: cancelled"))
    if any(e["status"] in ("planned", "proposed") for e in events):
        handles.append(Patch(facecolor="white", edgecolor="black", linestyle="--",
                             label="dashed: planned/proposed"))
    if any(e["origin"] == "outside" for e in events):
        handles.append(Line2D([], [], linestyle="none", marker=OUTSIDE_STYLE["marker"],
                              markersize=9, markerfacecolor=OUTSIDE_STYLE["color"],
                              markeredgecolor="#555555",
                              label="grey: outside the article"))
    return handles


def _caption(host: Axes, art: Article, data: dict[str, Any]) -> None:
    bits = [f"Source: {art.meta.author}, “{art.meta.title}”, {art.meta.outlet}, "
            f"{art.meta.published}. Relative dates (“last week”) resolved against that day."]
    if any(e["origin"] == "outside" for e in data["events"]):
        bits.append("Grey, italic: outside events from other sources (context.yaml), each "
                    "label naming its source; they are not in the article.")
    if data["undated"]:
        paras = sorted({n for u in data["undated"] for n in u["paragraphs"]})
        bits.append(f"Not drawn: {plural(len(data['undated']), 'event')} the article gives no "
                    f"date for ({cite(paras)}); the alt text lists them.")
    _, h_in = axes_inches(host)
    caption(host, -0.82 / h_in, " ".join(bits))
