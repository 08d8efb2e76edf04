"""``python -m service.cli``: the ``footprints`` command."""

from service.cli import main

main()
