"""``python -m khabar``: the command line (see khabar.cli)."""

import sys

from khabar.cli import main

if __name__ == "__main__":
    sys.exit(main())
