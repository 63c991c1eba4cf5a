"""docs/glossary.md is the newcomer's map (Russian term → code name → package → files): it names only
classes and files that exist, and README.md links it."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")


def _sources() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for folder in ("workspace", "tenants")
                     for path in (ROOT / folder).rglob("*.py"))


def test_every_class_the_glossary_names_exists():
    names = set(re.findall(r"`([A-Z][A-Za-z]+)(?:\.[a-z_]+)?`", GLOSSARY))
    assert len(names) > 30
    sources = _sources()
    missing = sorted(name for name in names if not re.search(rf"^class {name}\b", sources, re.MULTILINE))
    assert missing == []


def test_every_file_the_glossary_names_exists():
    files = re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.(?:py|html))`", GLOSSARY)
    assert len(files) > 60
    missing = [name for name in files
               if not any((ROOT / prefix / name).is_file() for prefix in ("", "workspace", "templates"))]
    assert missing == []


def test_readme_leads_to_the_glossary_and_names_the_russian_words():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/glossary.md" in readme
    for word in ("протокол", "табель", "договор о сетевой форме"):
        assert word in GLOSSARY, word
