"""The command line: one parser for the interface and the headless commands.

The ``relais`` entry point lives on the ``ui`` side (it may open a window) and hands the headless
commands to ``app.commands``; both read the arguments parsed here.
"""

import argparse
from pathlib import Path

from app import __version__
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    return value


def build_parser(translate: Translate = no_translation) -> argparse.ArgumentParser:
    def t(text: str) -> str:
        return translate("cli", text)

    parser = argparse.ArgumentParser(
        prog="relais",
        description=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "Relais: the customer-service advisor's workstation. Without a command, opens "
                "the demo workspace.",
            )
        ),
    )
    parser.add_argument("--version", action="version", version=f"relais {__version__}")
    lang_help = t(QT_TRANSLATE_NOOP("cli", "interface language (default: the system's)"))
    parser.add_argument("--lang", choices=["fr", "en"], help=lang_help)
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a --lang given before the command is not reset by the command's default.
    common.add_argument("--lang", choices=["fr", "en"], default=argparse.SUPPRESS, help=lang_help)
    common.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "save the main window to FILE.png once its data is loaded, then exit"
            )
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=t(QT_TRANSLATE_NOOP("cli", "open the embedded demo workspace (no server needed)")),
    )
    demo.add_argument(
        "--data-dir",
        type=Path,
        help=t(QT_TRANSLATE_NOOP("cli", "where the demo keeps its files")),
    )
    demo.add_argument(
        "--as",
        dest="role",
        choices=["advisor", "supervisor"],
        default="advisor",
        help=t(QT_TRANSLATE_NOOP("cli", "open as the demo advisor or as their supervisor")),
    )

    central = sub.add_parser(
        "central", help=t(QT_TRANSLATE_NOOP("cli", "create, upgrade or fill a central database"))
    )
    central_sub = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    init = central_sub.add_parser(
        "init",
        help=t(QT_TRANSLATE_NOOP("cli", "create or upgrade the central schema")),
    )
    init.add_argument("--url", required=True, help="sqlite:///FILE or postgresql+psycopg://…")
    seed = central_sub.add_parser(
        "seed", help=t(QT_TRANSLATE_NOOP("cli", "fill a central database with demo data"))
    )
    seed.add_argument("--url", required=True)
    seed.add_argument("--customers", type=_positive, default=400)
    seed.add_argument("--contacts", type=_positive, default=2_500)
    seed.add_argument("--queue", type=_positive, default=60)
    seed.add_argument("--seed", type=_positive, default=42, help="random seed")
    return parser
