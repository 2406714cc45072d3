"""Hardened XML parsing shared by every reader and the validator.

No DTDs, no entity expansion, no network, no huge trees, and a size limit checked before parsing.
Errors are :class:`~gronnkjop.formats.errors.FormatError` subclasses with the line where lxml
stopped, never an lxml traceback.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO

from lxml import etree

from .errors import NotXMLError, TooLargeError, UnsafeXMLError

#: Default size limit per document, overridable with ``GRONNKJOP_MAX_DOCUMENT_BYTES``.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Source = str | os.PathLike | bytes | IO[bytes]


def max_document_bytes() -> int:
    value = os.environ.get("GRONNKJOP_MAX_DOCUMENT_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def _parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers are not thread-safe.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def _megabytes(limit: int) -> str:
    """A byte limit for people: ``50 MB``."""
    return f"{limit / 1_000_000:g} MB"


def read_source(source: Source, *, limit: int | None = None) -> tuple[bytes, str | None]:
    """Return the bytes of ``source`` (path, bytes or binary stream) and its name, enforcing the limit."""
    limit = max_document_bytes() if limit is None else limit
    if isinstance(source, bytes | bytearray | memoryview):
        data, name = bytes(source), None
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        name = str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise NotXMLError(
                f"cannot read file: {exc.strerror or exc}", file=name, reason_nb="filen kan ikke leses"
            ) from None
        if size > limit:
            raise TooLargeError(
                f"file is {size} bytes, above the limit of {limit} bytes",
                file=name,
                reason_nb=f"filen er større enn grensen på {_megabytes(limit)}",
            )
        data = path.read_bytes()
    else:
        name = getattr(source, "name", None)
        name = str(name) if isinstance(name, str) else None
        data = source.read(limit + 1)
        if not isinstance(data, bytes):
            raise NotXMLError("stream must be opened in binary mode", file=name)
    if len(data) > limit:
        raise TooLargeError(
            f"document is above the limit of {limit} bytes",
            file=name,
            reason_nb=f"filen er større enn grensen på {_megabytes(limit)}",
        )
    return data, name


def parse_bytes(data: bytes, *, name: str | None = None) -> etree._ElementTree:
    """Parse XML bytes safely and return the tree. Refuses DTDs outright."""
    if not data.strip():
        raise NotXMLError("file is empty", file=name, reason_nb="filen er tom")
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        msg = exc.msg or str(exc)
        if "Entity" in msg or "entity" in msg:
            raise UnsafeXMLError(f"entities are not allowed: {msg}", file=name, line=line) from None
        if "encoding" in msg.lower() or "utf-8" in msg.lower() or "Input is not proper" in msg:
            raise NotXMLError(
                f"wrong or broken character encoding: {msg}",
                file=name,
                line=line,
                reason_nb="feil eller ødelagt tegnkoding (filen er ikke lagret som UTF-8 eller det den oppgir)",
            ) from None
        if "end of data" in msg.lower() or "Premature end" in msg or "not closed" in msg:
            raise NotXMLError(
                f"truncated XML: {msg}",
                file=name,
                line=line,
                reason_nb="XML-en er avkortet: filen slutter før dokumentet er ferdig",
            ) from None
        raise NotXMLError(f"not well-formed XML: {msg}", file=name, line=line) from None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise UnsafeXMLError("a DOCTYPE/DTD is not allowed in an e-invoice", file=name, line=1)
    return tree


def parse(source: Source, *, limit: int | None = None) -> tuple[etree._ElementTree, bytes, str | None]:
    """Read and parse ``source``; returns (tree, raw bytes, name)."""
    data, name = read_source(source, limit=limit)
    return parse_bytes(data, name=name), data, name
