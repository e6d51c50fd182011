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
from collections.abc import Callable
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
            found[
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            ] += 1
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


@dataclass(frozen=True)
class Catalogue:
    name: str
    path: Path
    messages: tuple[Message, ...]

    def __str__(self) -> str:
        return self.path.name


CATALOGUES = [
    Catalogue("fr", FRENCH, tuple(FRENCH_MESSAGES)),
    Catalogue("en", ENGLISH, tuple(read(ENGLISH))),
]
by_name = pytest.mark.parametrize("catalogue", CATALOGUES, ids=[c.name for c in CATALOGUES])

# A check looks at one message and says what is wrong with it, or nothing.
Check = Callable[[Message], str | None]


def report(catalogue: Catalogue, check: Check, what: str) -> None:
    """One assertion for the whole catalogue, whose message lists every failing message with
    its context, its source and what is wrong."""
    problems = [f"  {m}: {problem}" for m in catalogue.messages if (problem := check(m))]
    assert not problems, f"{len(problems)} message(s) of {catalogue} {what}:\n" + "\n".join(
        problems
    )


def each_form(compare: Callable[[str, str], str | None]) -> Check:
    """A check of every translated form (a plural message has several) against the source."""

    def check(message: Message) -> str | None:
        wrong = [
            f"{translation!r}: {problem}"
            for translation in message.translations
            if (problem := compare(message.source, translation))
        ]
        return "; ".join(wrong) or None

    return check


def differ(seen: Counter[str], expected: Counter[str]) -> str | None:
    """What a translation lost and gained compared with its source, or None."""
    lost, gained = expected - seen, seen - expected
    if not lost and not gained:
        return None
    parts = []
    if lost:
        parts.append("lost " + ", ".join(sorted(lost.elements())))
    if gained:
        parts.append("gained " + ", ".join(sorted(gained.elements())))
    return " and ".join(parts)


def test_catalogue_is_french_and_not_empty() -> None:
    root = ET.parse(FRENCH).getroot()
    assert root.get("language", "").startswith("fr")
    assert len(FRENCH_MESSAGES) > 400


@by_name
def test_no_message_is_listed_twice(catalogue: Catalogue) -> None:
    keys = Counter((m.context, m.source) for m in catalogue.messages)
    report(
        catalogue,
        lambda m: "listed twice" if keys[(m.context, m.source)] > 1 else None,
        "are listed more than once",
    )


@by_name
def test_no_obsolete_message_is_kept(catalogue: Catalogue) -> None:
    stale = []
    for context in ET.parse(catalogue.path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("obsolete", "vanished", "missing"):
                where = f"[{context.findtext('name')}] {message.findtext('source')!r}"
                stale.append(f"  {where}: {kind}")
    assert not stale, f"{len(stale)} message(s) of {catalogue} are not current:\n" + "\n".join(
        stale
    )


@by_name
def test_every_message_is_translated(catalogue: Catalogue) -> None:
    report(
        catalogue,
        lambda m: None if m.finished else "still marked unfinished",
        "are not translated",
    )


@by_name
def test_no_translation_is_empty(catalogue: Catalogue) -> None:
    report(
        catalogue,
        lambda m: None if all(t.strip() for t in m.translations) else "an empty translation",
        "have an empty translation",
    )


@by_name
def test_plural_messages_have_a_singular_and_a_plural_form(catalogue: Catalogue) -> None:
    report(
        catalogue,
        lambda m: (
            f"{len(m.translations)} forms" if m.numerus and len(m.translations) != 2 else None
        ),
        "do not have exactly two plural forms (French and English have two)",
    )


@by_name
def test_format_fields_are_kept(catalogue: Catalogue) -> None:
    """``{reference}`` dropped or renamed raises a KeyError in front of the advisor."""
    report(
        catalogue,
        each_form(lambda source, t: differ(fields(t), fields(source))),
        "do not keep the format fields of their source",
    )


@by_name
def test_literal_braces_are_kept(catalogue: Catalogue) -> None:
    """``{{customer_first_name}}`` renamed breaks a template hint."""
    report(
        catalogue,
        each_form(lambda source, t: differ(literal_braces(t), literal_braces(source))),
        "do not keep the literal braces of their source",
    )


@by_name
def test_qt_arguments_are_kept(catalogue: Catalogue) -> None:
    report(
        catalogue,
        each_form(
            lambda source, t: differ(Counter(QT_ARG.findall(t)), Counter(QT_ARG.findall(source)))
        ),
        "do not keep the %1-style arguments of their source",
    )


@by_name
def test_markup_tags_are_kept(catalogue: Catalogue) -> None:
    report(
        catalogue,
        each_form(lambda source, t: differ(tags(t), tags(source))),
        "do not keep the markup tags of their source",
    )


@by_name
def test_keyboard_accelerators_are_kept(catalogue: Catalogue) -> None:
    def compare(source: str, translation: str) -> str | None:
        have, want = accelerators(translation), accelerators(source)
        return None if have == want else f"{have} accelerator(s) instead of {want}"

    report(catalogue, each_form(compare), "do not keep the keyboard accelerators of their source")


@by_name
def test_line_breaks_are_kept(catalogue: Catalogue) -> None:
    def compare(source: str, translation: str) -> str | None:
        have, want = translation.count("\n"), source.count("\n")
        return None if have == want else f"{have} line break(s) instead of {want}"

    report(catalogue, each_form(compare), "do not keep the line breaks of their source")


@by_name
def test_plural_forms_show_the_number(catalogue: Catalogue) -> None:
    """A plural form without ``%n`` shows no number."""
    report(
        catalogue,
        lambda m: (
            "; ".join(f"{t!r} has no %n" for t in m.translations if "%n" not in t) or None
            if m.numerus
            else None
        ),
        "have a plural form without %n",
    )


def test_the_language_probe_answers_fr() -> None:
    """``ui.common.texts.ui_language()`` asks Qt to translate "en" in the "Language" context."""
    probe = [m for m in FRENCH_MESSAGES if (m.context, m.source) == ("Language", "en")]
    assert [m.translations for m in probe] == [("fr",)]


def test_french_punctuation_has_its_non_breaking_space() -> None:
    """« … », and a space before : ; ? ! — non-breaking, so they never start a line."""
    breaking = re.compile(r"[ \t][:;?!»]|«[ \t]")
    report(
        CATALOGUES[0],
        each_form(
            lambda _source, t: (
                "an ordinary space before : ; ? ! » or after «" if breaking.search(t) else None
            )
        ),
        "break a line before their punctuation",
    )


def test_english_catalogue_holds_only_plural_forms() -> None:
    """English needs a catalogue only where the source cannot say both numbers."""
    english = CATALOGUES[1]
    assert english.messages
    report(english, lambda m: None if m.numerus else "not a plural message", "need no catalogue")


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
    assert translator.translate("Desk", "Next contact") == "Contact suivant"
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
    untranslated = [f"  {m}" for m in read(copy) if not m.finished]
    assert not untranslated, (
        f"{len(untranslated)} string(s) of the code have no French translation (run "
        "pyside6-lupdate and translate them):\n" + "\n".join(untranslated)
    )
