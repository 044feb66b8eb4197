"""`python -m tui.web`: the server process `achilles serve` hands over to (see tui.cli.serve)."""

import sys

from tui.web.launch import main

sys.exit(main())
