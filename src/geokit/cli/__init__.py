"""The ``geokit`` command line: one tool, a subcommand per task, one error policy.

Every subcommand reports a problem as one line on stderr and exits 1 for bad data or a failed
run, 2 for bad usage and 130 when interrupted; no input ends in a traceback.
"""

from __future__ import annotations

from geokit.cli.app import main

__all__ = ["main"]
