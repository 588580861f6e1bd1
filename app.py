"""Entry point of `make run`: the web app on http://127.0.0.1:7860 (same as `tutor serve --browser`)."""

import sys

from tutor.ui.cli.main import app as cli

if __name__ == "__main__":
    cli(["serve", "--browser", *sys.argv[1:]])
