"""How long a keystroke costs in template search, with a library of 2,000 templates.

The limit is measured in the same run: a bare Python substring filter over the same 2,000
folded strings (what any in-memory search must at least do). Beside it: the service's search
(accent folding, every word, title matches first), the ranking the "/" popup and the picker share
(``TemplateService.suggest``: channel, account data, language first), and the picker end
to end — from the text change to the results on screen (worker thread, queued answer, model
reset, selection, preview and a repaint), without the deliberate 150 ms debounce.

Run with: pytest -m benchmark tests/benchmarks/test_template_bench.py -s
"""

import random
import statistics
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from sqlalchemy import func, insert, select

from app.ids import new_id
from app.models import Template
from app.services.templates import fold
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.template_picker import TemplatePicker

pytestmark = [pytest.mark.benchmark, pytest.mark.usefixtures("as_the_program_runs")]

LIBRARY_SIZE = 2_000
TARGET_MS = 20.0
TYPED = ("retrait", "compte bloq", "bonus", "verification identite", "reclamation")
"""What advisors type; every prefix of each is one keystroke."""

_VOCABULARY = """
retrait virement compte bancaire délai vérification identité pièce justificatif bonus pari cote
cash out remboursement réclamation médiateur auto-exclusion limite dépôt carte paiement refusé
mot de passe connexion application sécurité parrainage promotion gain withdrawal transfer account
bank delay verification identity document bet odds refund complaint limit deposit card payment
declined password login security referral
"""
WORDS = tuple(_VOCABULARY.split())
CATEGORIES = ("payments", "account", "betting", "promotions", "responsible_gaming", "security")
CHANNELS = (["email", "letter"], ["facebook", "x", "instagram", "whatsapp"], ["phone"], [])


def keystrokes() -> list[str]:
    return [text[:n] for text in TYPED for n in range(1, len(text) + 1)]


def grow_library(ws: Workspace, size: int) -> None:
    """Adds generated templates to this workstation's copy until it holds ``size``."""
    rnd = random.Random(7)
    with ws.local.session() as s:
        have = s.scalar(select(func.count()).select_from(Template)) or 0
        rows = []
        for i in range(size - have):
            language = "fr" if i % 2 else "en"
            title = " ".join(rnd.sample(WORDS, 4)).capitalize()
            body = "Bonjour {{customer_first_name}},\n\n" + " ".join(
                rnd.choice(WORDS) for _ in range(90)
            )
            rows.append(
                {
                    "id": new_id(),
                    "key": f"bench_{i:05d}",
                    "category": rnd.choice(CATEGORIES),
                    "language": language,
                    "channels": rnd.choice(CHANNELS),
                    "title": f"{title} ({i})",
                    "body": body + "\n{{advisor_name}}",
                    "current_version": 1,
                    "active": True,
                }
            )
        s.execute(insert(Template), rows)
    ws.templates.invalidate()


def per_keystroke(fn: Callable[[str], object], repeat: int = 5) -> list[float]:
    """Milliseconds for each keystroke, every keystroke timed ``repeat`` times."""
    times: list[float] = []
    for _ in range(repeat):
        for typed in keystrokes():
            start = time.perf_counter()
            fn(typed)
            times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def test_template_search_per_keystroke(qtbot, runner: Runner, workspace: Workspace) -> None:
    grow_library(workspace, LIBRARY_SIZE)
    templates = workspace.templates
    library = templates.search("", limit=10_000)
    assert len(library) == LIBRARY_SIZE
    templates.search("warm up the cache")
    haystack = [fold(f"{t.title} {t.category} {t.key} {t.body}") for t in library]

    def bare(typed: str) -> object:
        needle = fold(typed)
        return [h for h in haystack if needle in h]

    def service(typed: str) -> object:
        return templates.search(typed, language="fr")

    def slash_popup(typed: str) -> object:
        return templates.suggest(typed, "email", preferred_language="fr", limit=30)

    def picker_offer(typed: str) -> object:
        return templates.suggest(
            typed, "x", language="fr", preferred_language="fr", other_channels=True
        )

    picker = TemplatePicker(runner, templates, "fr", "email")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    loop = QEventLoop()
    picker.results_shown.connect(lambda _n: loop.quit())
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)

    def picker_end_to_end(typed: str) -> object:
        picker.search.setText(typed)
        picker.search_now()  # what the debounce timer calls 150 ms after the last key
        guard.start(2_000)
        loop.exec()
        guard.stop()
        picker.table.viewport().repaint()
        picker.preview.viewport().repaint()
        return picker.model.rowCount()

    picker_end_to_end("")  # first paint of a full list, not a keystroke
    measured = {
        "bare substring filter (limit)": per_keystroke(bare),
        "TemplateService.search": per_keystroke(service),
        "suggest, '/' popup": per_keystroke(slash_popup),
        "suggest, picker + other channels": per_keystroke(picker_offer),
        "picker, text change to shown": per_keystroke(picker_end_to_end, repeat=3),
    }
    limit = statistics.median(measured["bare substring filter (limit)"])

    lines = [
        f"\nTemplate search, {LIBRARY_SIZE} templates, {len(keystrokes())} keystrokes per pass",
        f"{'path':32} {'median ms':>10} {'p95 ms':>8} {'× limit':>8} {'target ms':>10}",
    ]
    for name, times in measured.items():
        median = statistics.median(times)
        lines.append(
            f"{name:32} {median:10.2f} {p95(times):8.2f} {median / limit:8.1f} {TARGET_MS:10.0f}"
        )
    print("\n".join(lines))

    for name, times in measured.items():
        assert statistics.median(times) <= TARGET_MS, f"{name}: over {TARGET_MS} ms a keystroke"
    assert p95(measured["TemplateService.search"]) <= TARGET_MS
