"""The sign-in dialog: a whole address pasted into the server field is split into its fields, so
a password it holds goes to the password field (and the keyring) only."""

from ui.shell.connect_dialog import ConnectDialog


def test_a_pasted_url_fills_each_field_and_keeps_the_password_out_of_the_address(qtbot) -> None:
    dialog = ConnectDialog(keyring=True)
    qtbot.addWidget(dialog)
    dialog.host.setText("postgresql+psycopg://marie:s3cret@db.example.org:5433/centre")
    dialog.connect_button.click()
    sign_in = dialog.choice()
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text()) == (
        "db.example.org",
        5433,
        "centre",
    )
    assert sign_in.profile.login == "marie" and sign_in.password == "s3cret"
    assert sign_in.profile.centre == "postgresql+psycopg://db.example.org:5433/centre"


def test_a_login_typed_before_the_host_goes_to_the_login_field(qtbot) -> None:
    dialog = ConnectDialog(keyring=False)
    qtbot.addWidget(dialog)
    dialog.host.setText("marie@db.example.org")
    dialog.password.setText("typed")
    dialog.connect_button.click()
    sign_in = dialog.choice()
    assert dialog.host.text() == "db.example.org" and sign_in.profile.login == "marie"
    assert sign_in.password == "typed"
    assert "marie" not in sign_in.profile.centre
