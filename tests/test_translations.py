"""The Qt Linguist catalogues: complete, faithful to the placeholders, and loadable by Qt.

A translation that drops ``{reference}`` raises a KeyError in front of the advisor, one that
drops ``%n`` shows no number, and one that renames ``{{customer_first_name}}`` breaks a template
hint. These checks read the .ts files as XML (no widget, no lupdate run) and compile them with
the lrelease that PySide6 ships, as a source checkout does on first use.
"""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

import PySide6
import pytest
from PySide6.QtCore import QTranslator

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
FRENCH = TRANSLATIONS / "relais_fr.ts"
ENGLISH = TRANSLATIONS / "relais_en.ts"

NBSP = "\u00a0"
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
QT_ARG = re.compile(r"%L?\d+")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]
    finished: bool
    numerus: bool

    def __str__(self) -> str:
        return f"[{self.context}] {self.source!r}"


def read(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"[{name}] {message.findtext('source')!r}"
            numerus = message.get("numerus") == "yes"
            if numerus:
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",)
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source") or "",
                    translations=texts,
                    finished=translation.get("type") is None,
                    numerus=numerus,
                )
            )
    return messages


FRENCH_MESSAGES = read(FRENCH)


def fields(text: str) -> Counter[str]:
    """Python format fields as ``str.format`` sees them, with their conversion and spec."""
    found: Counter[str] = Counter()
    for _literal, name, spec, conversion in Formatter().parse(text):
        if name is not None:
            found[f"{name}!{conversion or ''}:{spec or ''}"] += 1
    return found


def literal_braces(text: str) -> Counter[str]:
    """The escaped ``{{`` and ``}}`` that come out as braces (the ``{{name}}`` hints)."""
    out: Counter[str] = Counter()
    for literal, *_rest in Formatter().parse(text):
        out["{"] += literal.count("{")
        out["}"] += literal.count("}")
    return out


def accelerators(text: str) -> int:
    """Keyboard accelerators (``&Close``), leaving out ``&&`` and HTML entities (``&lt;``)."""
    return len(re.findall(r"&(?![A-Za-z]+;|#)(?=\S)", text.replace("&&", "")))


def tags(text: str) -> Counter[str]:
    return Counter(tag.lower() for tag in TAG.findall(text))


def ids(messages: list[Message]) -> list[str]:
    return [str(m) for m in messages]


def test_catalogue_is_french_and_not_empty() -> None:
    root = ET.parse(FRENCH).getroot()
    assert root.get("language", "").startswith("fr")
    assert len(FRENCH_MESSAGES) > 400
    keys = [(m.context, m.source) for m in FRENCH_MESSAGES]
    assert len(keys) == len(set(keys)), "a message is listed twice"


def test_no_obsolete_message_is_kept() -> None:
    for message in ET.parse(FRENCH).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("obsolete", "vanished"), message.findtext("source")


@pytest.mark.parametrize("message", FRENCH_MESSAGES, ids=ids(FRENCH_MESSAGES))
def test_every_message_is_translated(message: Message) -> None:
    assert message.finished, "still marked unfinished"
    assert all(t.strip() for t in message.translations), "empty translation"
    if message.numerus:
        assert len(message.translations) == 2, "French has a singular and a plural form"


@pytest.mark.parametrize("message", FRENCH_MESSAGES, ids=ids(FRENCH_MESSAGES))
def test_placeholders_are_kept(message: Message) -> None:
    for translation in message.translations:
        assert fields(translation) == fields(message.source), translation
        assert literal_braces(translation) == literal_braces(message.source), translation
        assert Counter(QT_ARG.findall(translation)) == Counter(QT_ARG.findall(message.source))
        assert tags(translation) == tags(message.source), translation
        assert accelerators(translation) == accelerators(message.source), translation
        assert translation.count("\n") == message.source.count("\n"), translation
        if message.numerus:
            assert "%n" in translation


def test_the_language_probe_answers_fr() -> None:
    """``ui.common.texts.ui_language()`` asks Qt to translate "en" in the "Language" context."""
    probe = [m for m in FRENCH_MESSAGES if (m.context, m.source) == ("Language", "en")]
    assert [m.translations for m in probe] == [("fr",)]


def test_french_punctuation_has_its_non_breaking_space() -> None:
    """« … », and a space before : ; ? ! — non-breaking, so they never start a line."""
    bad = []
    for message in FRENCH_MESSAGES:
        for translation in message.translations:
            if re.search(r"[ \t][:;?!»]|«[ \t]", translation):
                bad.append(f"{message}: {translation!r}")
    assert not bad


def test_english_catalogue_holds_only_plural_forms() -> None:
    messages = read(ENGLISH)
    assert messages
    for message in messages:
        assert message.numerus and message.finished, message
        assert len(message.translations) == 2, message
        assert all("%n" in t for t in message.translations), message


def lrelease(ts: Path, qm: Path) -> None:
    """Compiles with PySide6's own lrelease (its wrapper script, or the binary it wraps)."""
    candidates = [
        shutil.which("pyside6-lrelease"),
        str(Path(sys.executable).with_name("pyside6-lrelease")),
        str(Path(PySide6.__file__).parent / "lrelease"),
    ]
    tool = next(c for c in candidates if c and Path(c).exists())
    result = subprocess.run(
        [tool, str(ts), "-qm", str(qm)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 unfinished" in result.stdout and "Ignored" not in result.stdout, result.stdout


def test_compiled_french_catalogue_loads(tmp_path: Path) -> None:
    qm = tmp_path / "relais_fr.qm"
    lrelease(FRENCH, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.language().startswith("fr")
    assert translator.translate("MainWindow", "Next contact") == "Contact suivant"
    assert translator.translate("QueuePanel", "Next contact") == "Contact suivant"
    assert translator.translate("Language", "en") == "fr"
    assert translator.translate("Outcome", "Resolved at first contact") == (
        "Résolu au premier contact"
    )
    assert translator.translate("errors", "This contact no longer exists.") == (
        "Ce contact n’existe plus."
    )
    one = translator.translate("TemplatePicker", "%n template(s)", None, 1)
    many = translator.translate("TemplatePicker", "%n template(s)", None, 5)
    assert (one, many) == ("%n modèle", "%n modèles")
    # French counts zero as singular.
    assert translator.translate("TemplatePicker", "%n template(s)", None, 0) == "%n modèle"


def test_compiled_english_catalogue_gives_english_plurals(tmp_path: Path) -> None:
    qm = tmp_path / "relais_en.qm"
    lrelease(ENGLISH, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    source = "%n change(s) waiting"
    assert translator.translate("MainWindow", source, None, 1) == "%n change waiting"
    assert translator.translate("MainWindow", source, None, 3) == "%n changes waiting"


def test_catalogue_holds_every_string_of_the_code(tmp_path: Path) -> None:
    """A string added to the code without its French translation fails here, not in front of a
    French-speaking advisor."""
    root = TRANSLATIONS.parent.parent
    sources = sorted(
        str(p)
        for package in ("app", "ui")
        for p in (root / package).rglob("*.py")
        if "migrations" not in p.parts
    )
    copy = tmp_path / "relais_fr.ts"
    shutil.copy(FRENCH, copy)
    lupdate = next(
        c
        for c in (
            str(Path(sys.executable).with_name("pyside6-lupdate")),
            shutil.which("pyside6-lupdate"),
            str(Path(PySide6.__file__).parent / "lupdate"),
        )
        if c and Path(c).exists()
    )
    result = subprocess.run(
        [lupdate, *sources, "-ts", str(copy), "-no-obsolete", "-locations", "none"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    untranslated = [str(m) for m in read(copy) if not m.finished]
    assert untranslated == [], "run pyside6-lupdate and translate: " + ", ".join(untranslated)
