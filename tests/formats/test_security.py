"""Hostile and broken input: every case ends in a clear FormatError, never a crash or a leak."""

from __future__ import annotations

import struct
import zipfile

import pytest

from gronnkjop.formats.ehf import iter_documents, read_invoice
from gronnkjop.formats.errors import NotUBLError, NotXMLError, TooLargeError, UnsafeXMLError

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol9;</Invoice>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><Note>&xxe;</Note></Invoice>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice SYSTEM "http://example.invalid/evil.dtd">
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"""


def test_billion_laughs_is_refused():
    with pytest.raises(UnsafeXMLError):
        read_invoice(BILLION_LAUGHS)


def test_external_entity_is_refused_and_not_resolved():
    with pytest.raises(UnsafeXMLError) as caught:
        read_invoice(EXTERNAL_ENTITY)

    assert "root:" not in str(caught.value)


def test_external_dtd_is_refused_without_network():
    with pytest.raises(UnsafeXMLError) as caught:
        read_invoice(EXTERNAL_DTD)

    assert caught.value.reason == "a DOCTYPE/DTD is not allowed in an e-invoice"


@pytest.mark.parametrize(
    ("data", "error", "reason_start"),
    [
        (b"", NotXMLError, "file is empty"),
        (b"   \n", NotXMLError, "file is empty"),
        (b"%PDF-1.4\n%binary", NotXMLError, "not well-formed XML"),
        (b"Fakturanummer;Bel\xf8p\n1;100\n", NotXMLError, "not well-formed XML"),
        (
            b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'><a>",
            NotXMLError,
            "truncated XML",
        ),
        (
            b"<?xml version='1.0' encoding='UTF-8'?><Invoice><Note>Bl\xe5b\xe6r</Note></Invoice>",
            NotXMLError,
            "wrong or broken character encoding",
        ),
        (b"<html><body>Faktura</body></html>", NotUBLError, "root element 'html'"),
        (
            b"<Invoice xmlns='urn:example:not-ubl'/>",
            NotUBLError,
            "root element Invoice is in namespace 'urn:example:not-ubl'",
        ),
        (b"<Invoice/>", NotUBLError, "root element Invoice is in namespace '(none)'"),
        (
            b"<CreditNote xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>",
            NotUBLError,
            "root element CreditNote is in namespace",
        ),
    ],
    ids=[
        "empty",
        "whitespace",
        "pdf",
        "csv",
        "truncated",
        "wrong-encoding",
        "html",
        "wrong-namespace",
        "no-namespace",
        "creditnote-in-invoice-namespace",
    ],
)
def test_bad_input_gives_a_clear_error(data, error, reason_start):
    with pytest.raises(error) as caught:
        read_invoice(data, name="upload.xml")

    assert caught.value.reason.startswith(reason_start)
    assert caught.value.file == "upload.xml"


def test_size_limit_is_checked_before_parsing(tmp_path, monkeypatch, invoice_xml):
    monkeypatch.setenv("GRONNKJOP_MAX_DOCUMENT_BYTES", "1000")
    path = tmp_path / "big.xml"
    path.write_bytes(invoice_xml)

    with pytest.raises(TooLargeError) as caught:
        read_invoice(path)

    assert caught.value.reason == f"file is {len(invoice_xml)} bytes, above the limit of 1000 bytes"


def test_zip_bomb_member_is_refused_by_its_declared_size(tmp_path, monkeypatch):
    monkeypatch.setenv("GRONNKJOP_MAX_DOCUMENT_BYTES", "100000")
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.xml", b"<a>" + b" " * 5_000_000 + b"</a>")

    [result] = list(iter_documents(archive))

    assert archive.stat().st_size < 10_000
    assert isinstance(result.error, TooLargeError)
    assert result.error.reason == "member expands to 5000007 bytes, above the limit of 100000 bytes"


def _lie_about_size(archive, declared: int) -> None:
    """Rewrite the uncompressed size in the local header and the central directory."""
    data = bytearray(archive.read_bytes())
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, declared)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    archive.write_bytes(bytes(data))


def test_zip_bomb_that_lies_about_its_size_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv("GRONNKJOP_MAX_DOCUMENT_BYTES", "100000")
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("liar.xml", b"<a>" + b" " * 5_000_000 + b"</a>")
    _lie_about_size(archive, 50)

    [result] = list(iter_documents(archive))

    assert result.invoice is None
    assert isinstance(result.error, NotXMLError | TooLargeError)


def test_archive_total_expanded_size_is_limited(tmp_path, monkeypatch, invoice_xml):
    monkeypatch.setenv("GRONNKJOP_MAX_ARCHIVE_BYTES", str(len(invoice_xml) * 2 + 10))
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(4):
            zf.writestr(f"{i}.xml", invoice_xml)

    results = list(iter_documents(archive))

    assert [(r.ok, type(r.error).__name__ if r.error else None) for r in results] == [
        (True, None),
        (True, None),
        (False, "TooLargeError"),
    ]


def test_zip_member_paths_that_leave_the_archive_are_refused(tmp_path, invoice_xml):
    archive = tmp_path / "slip.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../etc/evil.xml", invoice_xml)
        zf.writestr("/abs.xml", invoice_xml)
        zf.writestr("ok/fine.xml", invoice_xml)

    results = list(iter_documents(archive))

    assert [(r.file.split("!")[1], type(r.error).__name__ if r.error else None) for r in results] == [
        ("../../etc/evil.xml", "UnsafeXMLError"),
        ("/abs.xml", "UnsafeXMLError"),
        ("ok/fine.xml", None),
    ]


def test_a_broken_zip_is_one_clear_result(tmp_path):
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\x00" * 40)

    [result] = list(iter_documents(archive))

    assert isinstance(result.error, NotXMLError)


def test_cli_reports_security_problems_as_invalid_entries(tmp_path, capsys):
    pytest.importorskip("gronnkjop.formats.ehf.validate")
    import json

    from gronnkjop.formats.cli import main

    (tmp_path / "laughs.xml").write_bytes(BILLION_LAUGHS)
    (tmp_path / "xxe.xml").write_bytes(EXTERNAL_ENTITY)

    code = main(["ehf", "validate", str(tmp_path), "--format", "json"])

    entries = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(e["valid"], e["document"], [f["rule"] for f in e["errors"]]) for e in entries] == [
        (False, None, ["XML-UNSAFE"]),
        (False, None, ["XML-UNSAFE"]),
    ]
