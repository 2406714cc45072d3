"""Fixtures and small factories for the tests of :mod:`gronnkjop.formats`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]

#: Folders of official example invoices in the reference data.
EXAMPLE_FOLDERS = ("peppol-bis3-examples", "ehf-norway", "en16931-ubl-examples")


def _shared_dir() -> Path | None:
    configured = os.environ.get("GRONNKJOP_SHARED_DATA")
    for candidate in [Path(configured)] if configured else [REPO.parent / "shared" / "data"]:
        if candidate.is_dir():
            return candidate
    return None


def example_names() -> list[str]:
    """``folder/file.xml`` of every official example, for parametrizing at collection time; a single
    placeholder when the reference data is absent (its test then skips through ``shared_data``)."""
    shared = _shared_dir()
    if shared is None:
        return ["(reference data absent)"]
    return sorted(
        f"{folder}/{path.name}"
        for folder in EXAMPLE_FOLDERS
        for path in (shared / "ehf" / folder).glob("*.xml")
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests taking ``example_name`` run once per official example file (``folder/file.xml``)."""
    if "example_name" in metafunc.fixturenames:
        metafunc.parametrize("example_name", example_names())


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def invoice_xml() -> bytes:
    return (FIXTURES / "ehf" / "invoice-no.xml").read_bytes()


@pytest.fixture(scope="session")
def credit_note_xml() -> bytes:
    return (FIXTURES / "ehf" / "creditnote-no.xml").read_bytes()


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[[list[list[object]], str], Path]:
    """Write rows to a one-sheet XLSX workbook in ``tmp_path`` and return its path."""

    def write(rows: list[list[object]], name: str = "table.xlsx") -> Path:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(row)
        path = tmp_path / name
        workbook.save(path)
        return path

    return write
