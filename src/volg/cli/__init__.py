"""The `volg` command: options → Service → output and exit codes. No rules live here.

Exit codes: 0 all went in; 1 some input was rejected or a source failed (the rest still went in); 2 usage or
configuration error.
"""

from volg.cli.base import main  # the command modules load on demand: volg.cli.base.COMMANDS

__all__ = ["main"]
