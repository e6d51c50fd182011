"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``None`` each time a Python model's
``data()`` returned it and on every signal emission: after a few thousand repaints the program
aborted. An advisor's shift repaints millions of cells, so a binding with that fault must never
pass the suite.
"""

import sys

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)


class _Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 3

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return None


class _Emitter(QObject):
    flag = Signal(bool)


CALLS = 2_000
# Other threads and the collector move None's count a little meanwhile; the fault took one
# reference per call, so a tenth of the calls separates noise from it.
NOISE = CALLS // 10


def test_returning_none_from_data_keeps_reference_counts(qapp: object) -> None:
    model = _Model()
    index = model.index(1, 1)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        index.data(Qt.ItemDataRole.ToolTipRole)
    assert sys.getrefcount(None) - before > -NOISE


def test_emitting_signals_keeps_reference_counts(qapp: object) -> None:
    emitter = _Emitter()
    received: list[bool] = []
    emitter.flag.connect(received.append)
    before_true = sys.getrefcount(True)
    for _ in range(CALLS):
        emitter.flag.emit(True)
    assert len(received) == CALLS
    received.clear()
    assert sys.getrefcount(True) - before_true > -NOISE
