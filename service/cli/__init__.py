"""The ``footprints`` command line (``service.cli.core`` holds the root group)."""

from service.cli.core import main

__all__ = ["main"]
