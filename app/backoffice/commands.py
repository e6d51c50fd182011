"""The back office's headless commands: ``relais surveys import`` and ``relais report``."""

import sys
from typing import Any, TextIO

from app.backoffice.centre import for_command
from app.i18n import Translate


def run(args: Any, settings: Any, translate: Translate, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with for_command(args, settings, translate) as office:
        if args.command == "surveys":
            from app.backoffice import surveys

            return surveys.import_command(office, args.file, args.dry_run, out, translate)
        from app.backoffice import alignment

        return alignment.report_command(office, args, out, translate)
