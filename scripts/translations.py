"""Check and compile the gettext catalogues without GNU gettext.

    python scripts/translations.py check     # exit 1 and list every untranslated or fuzzy nb entry
    python scripts/translations.py compile   # write the .mo files next to the .po files

`make messages` extracts new strings (that step needs GNU gettext's xgettext); the compiled .mo
files are committed so a fresh machine needs no gettext at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gronnkjop"


def catalogues(language: str = "*") -> list[Path]:
    """The project catalogue (templates, core) and one per app (``src/gronnkjop/<app>/locale``)."""
    return sorted(PACKAGE.glob(f"locale/{language}/LC_MESSAGES/django.po")) + sorted(
        PACKAGE.glob(f"*/locale/{language}/LC_MESSAGES/django.po")
    )


def untranslated(language: str = "nb") -> list[str]:
    missing = []
    for path in catalogues(language):
        po = polib.pofile(str(path))
        missing += [
            f"{path.relative_to(PACKAGE)}: {e.msgid}"
            for e in po
            if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        ]
    return missing


def compile_all() -> list[Path]:
    written = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "check":
        missing = untranslated("nb")
        for msgid in missing:
            print(f"untranslated: {msgid}")
        print(f"{len(missing)} untranslated nb entries")
        return 1 if missing else 0
    if command == "compile":
        for path in compile_all():
            print(f"wrote {path}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
