"""Validate an EHF 3 / PEPPOL BIS Billing 3.0 invoice or credit note.

```python
from gronnkjop.formats.ehf.validate import validate, validate_tree

report = validate("faktura.xml")                 # path, bytes or binary stream
report.valid                                     # False when any finding is fatal
[(f.rule_id, f.flag, f.location) for f in report.findings]
```

The checks, in order: well-formedness (hardened parser of :mod:`gronnkjop.formats._xml`), the
UBL 2.1 schema when a schema folder is configured (``xsd_dir`` or ``GRONNKJOP_UBL_XSD_DIR``;
findings ``UBL-XSD``), then every business rule of :mod:`.rules` (EN 16931, PEPPOL, Norway),
written natively in Python. Business rules run even when the schema check fails.

A file that cannot be parsed gives a report with one fatal finding (``XML-WELL-FORMED``,
``XML-UNSAFE`` or ``XML-TOO-LARGE``); well-formed XML that is not a UBL Invoice or CreditNote gives
``UBL-ROOT``. The validator never raises for a bad document.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from .._xml import Source, parse
from ..errors import FormatError, NotXMLError, TooLargeError, UnsafeXMLError
from .index import TreeIndex
from .messages_nb import MESSAGES_NB, OWN_RULES
from .report import Finding, Report
from .rules import RULES, element_path, run
from .rules._base import CREDIT_NOTE_TAG, INVOICE_TAG

#: Environment variable naming the UBL 2.1 schema folder (the one holding ``xsd/maindoc``).
XSD_DIR_ENV = "GRONNKJOP_UBL_XSD_DIR"

_SCHEMA_FILES = {"Invoice": "UBL-Invoice-2.1.xsd", "CreditNote": "UBL-CreditNote-2.1.xsd"}
_schema_lock = threading.Lock()


def validate(source: Source, *, xsd_dir: str | os.PathLike | None = None) -> Report:
    """Validate one document given as a path, bytes or a binary stream; returns a :class:`Report`."""
    try:
        tree, _data, name = parse(source)
    except FormatError as exc:
        return _unreadable(exc)
    return validate_tree(tree, name=name, xsd_dir=xsd_dir)


def validate_tree(
    tree: etree._ElementTree | etree._Element,
    *,
    name: str | None = None,
    xsd_dir: str | os.PathLike | None = None,
    index: TreeIndex | None = None,
) -> Report:
    """Validate an already parsed document (so that a reader and the validator parse once).

    ``index``: a :class:`~gronnkjop.formats.ehf.index.TreeIndex` of this tree to share with
    :func:`~gronnkjop.formats.ehf.reader.invoice_from_tree`, so that both walk the elements once.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if root.tag == INVOICE_TAG:
        kind = "Invoice"
    elif root.tag == CREDIT_NOTE_TAG:
        kind = "CreditNote"
    else:
        finding = _own("UBL-ROOT", element_path(root), detail=etree.QName(root).text)
        return Report(findings=(finding,), document=None, schema_checked=False, file=name)

    findings: list[Finding] = []
    folder = os.environ.get(XSD_DIR_ENV, "") if xsd_dir is None else xsd_dir
    schema_checked = bool(folder)
    if folder:
        findings.extend(_schema_findings(root, kind, folder))
    for rule_id, element in run(root, index):
        findings.append(_finding(rule_id, element))
    return Report(findings=tuple(findings), document=kind, schema_checked=schema_checked, file=name)


def _finding(rule_id: str, element: etree._Element) -> Finding:
    _rule_set, flag, message_en = RULES[rule_id]
    return Finding(
        rule_id=rule_id,
        flag="warning" if flag == "warning" else "fatal",
        location=element_path(element),
        message_en=message_en,
        message_nb=MESSAGES_NB[rule_id],
    )


def _own(
    rule_id: str,
    location: str,
    *,
    detail: str | None = None,
    detail_nb: str | None = None,
    line: int | None = None,
) -> Finding:
    """A finding of the validator's own checks (well-formedness, schema, document type). ``detail``
    is added to both messages unless ``detail_nb`` gives the bokmål one."""
    message_en, message_nb = OWN_RULES[rule_id]
    if detail:
        message_en = f"{message_en}: {detail}"
        message_nb = f"{message_nb}: {detail_nb or detail}"
    if line:
        message_en, message_nb = f"Line {line}: {message_en}", f"Linje {line}: {message_nb}"
    return Finding(
        rule_id=rule_id, flag="fatal", location=location, message_en=message_en, message_nb=message_nb
    )


def _unreadable(exc: FormatError) -> Report:
    if isinstance(exc, UnsafeXMLError):
        rule_id = "XML-UNSAFE"
    elif isinstance(exc, TooLargeError):
        rule_id = "XML-TOO-LARGE"
    else:
        rule_id = "XML-WELL-FORMED"
    assert isinstance(exc, NotXMLError | UnsafeXMLError | TooLargeError | FormatError)
    # The bokmål detail when the error has one (libxml2's parser texts are English only).
    finding = _own(rule_id, "/", detail=exc.reason, detail_nb=exc.reason_nb, line=exc.line)
    return Report(findings=(finding,), document=None, schema_checked=False, file=exc.file)


# -- UBL 2.1 schema ----------------------------------------------------------------------------


def _schema_path(folder: Path, kind: str) -> Path:
    for candidate in (folder / "xsd" / "maindoc", folder / "maindoc"):
        path = candidate / _SCHEMA_FILES[kind]
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"{XSD_DIR_ENV}: no xsd/maindoc/{_SCHEMA_FILES[kind]} in the UBL 2.1 schema folder {folder}"
    )


@lru_cache(maxsize=8)
def load_schema(folder: str, kind: str) -> etree.XMLSchema:
    """The UBL 2.1 schema of ``kind`` (Invoice or CreditNote) from ``folder``, loaded once per
    process. Imports are resolved from the local files only: the network is never used."""
    path = _schema_path(Path(folder).resolve(), kind)
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def _schema_findings(root: etree._Element, kind: str, folder: Any) -> list[Finding]:
    schema = load_schema(str(Path(folder).resolve()), kind)
    with _schema_lock:  # the error log belongs to the schema object
        valid = schema.validate(root)
        errors = [] if valid else list(schema.error_log)
    return [
        _own("UBL-XSD", error.path or element_path(root), detail=error.message, line=error.line)
        for error in errors
    ]
