"""python -m cleaner: the same as the newsclean command."""

from .cli import main

main()
