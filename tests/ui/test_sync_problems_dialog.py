"""The changes that did not go through, as the advisor reads them: each refusal said in their
words, a waiting operation apart from a refused one, nothing lost."""

from datetime import UTC, datetime

from app.dto import SyncProblem
from ui.common.ops import Runner
from ui.shell.sync_problems_dialog import SyncProblemsDialog


class _Problems:
    def __init__(self, problems: list[SyncProblem]) -> None:
        self._problems = problems

    def recent(self) -> list[SyncProblem]:
        return self._problems


def test_each_kind_of_answer_is_said_plainly(qtbot) -> None:
    now = datetime.now(UTC)
    problems = [
        SyncProblem("refused", now, "", "contact", "{}", "stale_claim: contact R-1 was claimed"),
        SyncProblem("refused", now, "", "note", "{}", "permission: not yours"),
        SyncProblem("pending", now, "", "note", "{}", "failed: XX000: a bug"),
        SyncProblem("conflict", now, "Paul", "customer.segment", '"vip"', '"pro"'),
    ]
    runner = Runner()
    dialog = SyncProblemsDialog(runner, _Problems(problems), None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4)
    reasons = [dialog.table.item(row, 5).text() for row in range(4)]
    kinds = [dialog.table.item(row, 1).text() for row in range(4)]
    assert reasons[0].startswith("Someone else took this contact") and "R-1" in reasons[0]
    assert reasons[1].startswith("The centre does not let you") and "not yours" in reasons[1]
    assert reasons[2].startswith("The centre could not apply it for now")
    assert reasons[3] == '"pro"'  # a conflict shows the value kept
    assert kinds[2].startswith("Waiting") and kinds[0] == "Refused by the centre"
    runner.wait_idle()
