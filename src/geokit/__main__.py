import sys

try:
    from geokit.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still importing: the same one line
    print("geokit: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
