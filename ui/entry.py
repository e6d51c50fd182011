"""The ``relais`` command: the window, or a headless command, with messages in the user's
language and never a traceback in front of them.

For the window, the cyclic garbage collector is off from the first import until the workspace
is open (``ui.application`` freezes what start-up made, then lets ``ui.common.collector`` run
it, on the GUI thread only): start-up makes hundreds of thousands of objects that live all day
(Qt's enums, SQLAlchemy, the models), and the collector's passes over them cost a tenth of the
imports. Hence the imports inside ``main``, after that switch.
"""

import gc
import logging
import sys

log = logging.getLogger(__name__)

HEADLESS = {"central", "user", "connect", "sync", "surveys", "report", "ingest", "connectors"}


def _requested_language(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def _tr(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    headless = bool(argv) and (
        argv[0] in HEADLESS or any(a in ("-h", "--help", "--version") for a in argv)
    )
    if not headless:
        gc.disable()  # until the workspace is open (see the module's docstring)
    from PySide6.QtCore import QCoreApplication

    from ui import pyside_feature_scan

    pyside_feature_scan.install()  # before the imports it would otherwise slow down

    from app.cli import build_parser
    from app.errors import RelaisError
    from app.settings import Settings
    from ui.common import i18n

    if headless:
        app: QCoreApplication = QCoreApplication.instance() or QCoreApplication(["relais"])
    else:
        from PySide6.QtWidgets import QApplication

        from ui.application import route_qt_messages

        route_qt_messages()  # before the application object: its own warnings go to the log
        app = QApplication.instance() or QApplication(["relais", *argv])
    settings = Settings()
    from app.identities import set_default_region

    set_default_region(settings.get("phone_region"))
    lang = i18n.choose_language(_requested_language(argv) or settings.get("language") or None)
    i18n.install(app, lang)
    args = build_parser(_tr).parse_args(argv)
    try:
        if args.command in HEADLESS:
            from app import commands, logs

            if args.command != "connectors":  # the service logs where its configuration says
                logs.setup()
            return commands.run(args, settings, translate=_tr)
        from ui.application import run_window

        return run_window(app, args, settings)  # type: ignore[arg-type]
    except RelaisError as err:
        print(err.text(_tr), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception:
        import uuid

        from app import logs

        written = logs.setup()  # the traceback goes to the log file, never to the screen
        reference = uuid.uuid4().hex[:8]
        log.exception("Unexpected error (reference %s)", reference)
        if written:
            text = QCoreApplication.translate(
                "Errors",
                "Relais stopped on an unexpected error (reference {reference}); "
                "the details are in the log file {path}.",
            )
        else:
            text = QCoreApplication.translate(
                "Errors",
                "Relais stopped on an unexpected error (reference {reference}); no log file "
                "could be written, so make {path} writable to keep the details next time.",
            )
        print(text.format(reference=reference, path=written or logs.log_dir()), file=sys.stderr)
        return 1
    finally:
        gc.enable()  # back to automatic collection for a caller in the same process


if __name__ == "__main__":
    sys.exit(main())
