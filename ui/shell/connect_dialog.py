"""Signing in to the centre: where it is, who you are, your password — or the demo instead.

Shown on the first start (no centre configured yet) and whenever the password is needed: the
keyring has none, there is no keyring at all, or the centre refused the one it had. What the user
typed stays in the fields when the centre says no, with the reason above them.
"""

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.connection import Profile
from app.db import parse_url
from app.errors import InputError
from ui.common import theme


@dataclass(frozen=True)
class SignIn:
    profile: Profile
    password: str
    remember: bool


class ConnectDialog(QDialog):
    """``exec()`` then ``choice()``: a SignIn, or None when the user chose the demo."""

    DEMO = 2

    def __init__(
        self,
        parent: QWidget | None = None,
        profile: Profile | None = None,
        problem: str = "",
        keyring: bool = True,
    ) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        self.setWindowTitle(self.tr("Connect to the centre"))
        self.setObjectName("connectDialog")
        self.intro = QLabel(
            self.tr(
                "Relais works with your centre's database. Your administrator gives you its "
                "address and your login."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.problem = QLabel(problem, self)
        self.problem.setObjectName("connectProblem")
        self.problem.setWordWrap(True)
        self.problem.setProperty("tone", "error")
        self.problem.setAccessibleName(self.tr("Why the connection failed"))
        self.problem.setVisible(bool(problem))
        self.host = QLineEdit(self)
        self.host.setAccessibleName(self.tr("Server"))
        self.host.setPlaceholderText("relais.example.org")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.port.setAccessibleName(self.tr("Port"))
        self.database = QLineEdit("relais", self)
        self.database.setAccessibleName(self.tr("Database"))
        self.login = QLineEdit(self)
        self.login.setAccessibleName(self.tr("Login"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"), self)
        self.remember.setAccessibleName(self.tr("Remember the password"))
        self.remember.setChecked(keyring)
        self.remember.setEnabled(keyring)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        if not keyring:
            note = QLabel(
                self.tr("No system keyring is available: Relais will ask at each start."), self
            )
            note.setWordWrap(True)
            form.addRow("", note)
        buttons = QDialogButtonBox(self)
        self.connect_button = buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setDefault(True)
        self.demo_button: QPushButton = buttons.addButton(
            self.tr("Open the demo instead"), QDialogButtonBox.ButtonRole.ActionRole
        )
        quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.connect_button, self.demo_button, quit_button):
            button.setAccessibleName(button.text())
        self.connect_button.clicked.connect(self._check)
        self.demo_button.clicked.connect(lambda: self.done(self.DEMO))
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if profile is not None:
            self._fill(profile)
        (self.password if profile is not None else self.host).setFocus()
        self.resize(480, self.sizeHint().height())

    def _fill(self, profile: Profile) -> None:
        host, port, database = profile.server()
        self.host.setText(host)
        if port:
            self.port.setValue(port)
        self.database.setText(database)
        self.login.setText(profile.login)

    def _split_pasted_address(self) -> None:
        """A whole address pasted into the server field ("postgresql://login:password@host/db",
        "login@host"): each part goes to its own field, so a password lands in the password
        field (and the keyring) only, never in the centre's address that is remembered."""
        text = self.host.text().strip()
        if "://" in text:
            try:
                url = parse_url(text)
            except InputError:
                return
            self.host.setText(url.host or "")
            if url.port:
                self.port.setValue(url.port)
            if url.database:
                self.database.setText(url.database)
            user, password = url.username, url.password
        elif "@" in text:
            credentials, _, host = text.rpartition("@")
            user, _, password = credentials.partition(":")
            self.host.setText(host)
        else:
            return
        if user and not self.login.text().strip():
            self.login.setText(user)
        if password and not self.password.text():
            self.password.setText(password)

    def _check(self) -> None:
        self._split_pasted_address()
        missing = [
            label
            for label, field in (
                (self.tr("the server"), self.host),
                (self.tr("the database"), self.database),
                (self.tr("your login"), self.login),
                (self.tr("your password"), self.password),
            )
            if not field.text().strip()
        ]
        if missing:
            self.show_problem(self.tr("Fill in {fields}.").format(fields=", ".join(missing)))
            return
        self.accept()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def choice(self) -> SignIn:
        return SignIn(
            Profile.for_server(
                self.host.text().strip(),
                self.port.value(),
                self.database.text().strip(),
                self.login.text().strip(),
            ),
            self.password.text(),
            self.remember.isChecked(),
        )
