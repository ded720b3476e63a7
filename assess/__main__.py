"""``python -m assess`` runs the command line."""

from assess.cli import main

main()
