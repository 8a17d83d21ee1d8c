"""`geokit figure ...` (registered by geokit.cli): write a lesson figure for slides.

Registering the subcommand imports nothing heavy; matplotlib is loaded, with the Agg backend,
only inside the handler.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geokit.cli.output import check_file, staged
from geokit.cli.policy import CommandError
from geokit.errors import GeokitDataError
from geokit.plots import FIGURES

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


def _cmd_figure(args: argparse.Namespace) -> int:
    if args.list:
        width = max(len(n) for n in FIGURES)
        for name, spec in FIGURES.items():
            print(f"{name:<{width}}  {spec.description}")
        return 0
    if not args.name:
        raise CommandError("name a figure (one of: " + ", ".join(FIGURES) + "), or use --list", 2)
    if args.name not in FIGURES:
        raise CommandError(f"unknown figure {args.name!r}; choose one of: {', '.join(FIGURES)}",
                           2)
    if args.output is None:
        raise CommandError("say where to write it: -o FILE.png, FILE.svg or FILE.pdf", 2)
    if args.output.suffix.lower() not in FORMATS:
        raise CommandError(f"cannot write {args.output.name!r}: the file name must end in "
                           ".png, .svg or .pdf", 2)
    check_file(args.output, example=f"{args.name}.svg", what="figure file")

    import matplotlib

    matplotlib.use("Agg")  # here, never at import: a command writes files, it shows nothing
    import geokit.plots

    draw = getattr(geokit.plots, FIGURES[args.name].function)
    try:
        fig = draw(args.article, figsize=args.size) if args.size else draw(args.article)
    except ValueError as exc:
        if isinstance(exc, GeokitDataError):
            raise  # the policy prints the first problem and exits 1
        raise CommandError(str(exc).splitlines()[0]) from None
    with staged(args.output) as tmp:
        geokit.plots.save_figure(fig, tmp, dpi=args.dpi)
    print(args.output)
    if args.alt:
        print(geokit.plots.alt_text(fig))
    return 0
