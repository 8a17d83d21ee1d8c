"""`geokit figure ...` (registered by geokit.cli): write a lesson figure for slides.

Registering the subcommand imports nothing heavy; matplotlib is loaded, with the Agg backend,
only inside the handler.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geokit.plots._registry import FIGURES

FORMATS = (".png", ".svg", ".pdf")

EPILOG = """\
examples:
  geokit figure --list
  geokit figure timeline -o timeline.png
  geokit figure network --article pakistan-russia-2012 -o network.svg
  geokit figure map --size 10.24x7.68 -o map.pdf      a 1024x768 projector slide
"""


def _size(text: str) -> tuple[float, float]:
    try:
        w, h = (float(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size: use WIDTHxHEIGHT in inches, e.g. 10.24x7.68") from None
    if not (1 <= w <= 60 and 1 <= h <= 60):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be 1 to 60 inches")
    return w, h


def _dpi(text: str) -> float:
    try:
        dpi = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of dots per inch") from None
    if not 20 <= dpi <= 600:  # beyond 600 a slide-sized PNG runs to gigabytes of memory
        raise argparse.ArgumentTypeError(f"{text!r}: use 20 to 600 dots per inch")
    return dpi


def register(sub: Any) -> None:
    names = ", ".join(FIGURES)
    p = sub.add_parser(
        "figure", help="write a lesson figure (PNG, SVG or PDF) for slides",
        description="Write one of the lesson figures to a PNG, SVG or PDF file, with its alt "
        f"text embedded in the file's metadata. Figures: {names}. The output is the same bytes "
        "for the same data.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", nargs="?", metavar="NAME", help=f"the figure: {names}")
    p.add_argument("--list", action="store_true", help="name the figures and what they show")
    p.add_argument("--article", metavar="ID", default="pakistan-russia-2012",
                   help="article id or folder (default: pakistan-russia-2012)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="where to write: a .png, .svg or .pdf file name")
    p.add_argument("--size", type=_size, metavar="WxH",
                   help="figure size in inches (default: each figure's own; 10.24x7.68 "
                   "fills a 1024x768 projector at 100 dpi)")
    p.add_argument("--dpi", type=_dpi, default=100.0,
                   help="resolution of a PNG, 20 to 600 (default 100)")
    p.add_argument("--alt", action="store_true", help="also print the figure's alt text")
    p.set_defaults(func=_cmd_figure)


def _fail(message: str, code: int = 2) -> int:
    print(f"geokit figure: {message}", file=sys.stderr)
    return code


def _cmd_figure(args: argparse.Namespace) -> int:
    if args.list:
        width = max(len(n) for n in FIGURES)
        for name, spec in FIGURES.items():
            print(f"{name:<{width}}  {spec.description}")
        return 0
    if not args.name:
        return _fail("name a figure (one of: " + ", ".join(FIGURES) + "), or use --list")
    if args.name not in FIGURES:
        return _fail(f"unknown figure {args.name!r}; choose one of: {', '.join(FIGURES)}")
    if args.output is None:
        return _fail("say where to write it: -o FILE.png, FILE.svg or FILE.pdf")
    if args.output.suffix.lower() not in FORMATS:
        return _fail(f"cannot write {args.output.name!r}: the file name must end in "
                     ".png, .svg or .pdf")
    if not args.output.parent.is_dir():
        return _fail(f"no such folder: {args.output.parent}", 1)

    import importlib

    import matplotlib

    matplotlib.use("Agg")  # here, never at import: a command writes files, it shows nothing
    from geokit.plots._common import save_figure

    spec = FIGURES[args.name]
    draw = getattr(importlib.import_module(spec.module), spec.function)
    try:
        fig = draw(args.article, figsize=args.size) if args.size else draw(args.article)
    except (LookupError, ValueError) as exc:
        if type(exc).__name__ in ("GeokitDataError", "ArticleNotFoundError"):
            raise  # geokit.cli prints these and exits 1
        return _fail(str(exc).splitlines()[0], 1)
    save_figure(fig, args.output, dpi=args.dpi)
    print(args.output)
    if args.alt:
        from geokit.plots._meta import alt_text

        print(alt_text(fig))
    return 0
