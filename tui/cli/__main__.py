"""`python -m tui.cli`: the `achilles` command (the console script calls `tui.cli.main:main`)."""

import sys

from tui.cli.main import main

sys.exit(main())
