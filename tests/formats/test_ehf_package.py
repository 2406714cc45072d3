"""The ``gronnkjop.formats.ehf`` package API: ``validate`` is the function (not the submodule of the
same name), before and after ``import gronnkjop.formats.ehf.validate``; a shared ``TreeIndex``
gives the same invoice and report as separate walks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from lxml import etree

from gronnkjop.formats.ehf import TreeIndex, read_invoice
from gronnkjop.formats.ehf.reader import invoice_from_tree
from gronnkjop.formats.ehf.validate import validate_tree
from tests.formats.validator_fixtures.make_invoice import invoice_xml

ROOT = Path(__file__).resolve().parents[2]


def test_validate_is_the_function_before_and_after_importing_the_submodule() -> None:
    # A fresh interpreter, so that the import order is exactly the one under test.
    script = textwrap.dedent(
        """
        import sys
        import types

        from tests.formats.validator_fixtures.make_invoice import invoice_xml

        import gronnkjop.formats.ehf as ehf
        from gronnkjop.formats.ehf import validate as before
        from gronnkjop.formats.ehf.report import Report

        assert callable(before) and not isinstance(before, types.ModuleType), before
        assert isinstance(before(invoice_xml(2)), Report)

        import gronnkjop.formats.ehf.validate  # noqa: F401  (the submodule of the same name)

        after = gronnkjop.formats.ehf.validate
        assert after is before, after
        assert callable(ehf.validate) and isinstance(ehf.validate(invoice_xml(1)), Report)
        from gronnkjop.formats.ehf import validate as again

        assert again is before
        assert isinstance(again(invoice_xml(1)), Report) and again(invoice_xml(1)).valid
        module = sys.modules["gronnkjop.formats.ehf.validate"]
        assert isinstance(module, types.ModuleType) and module.validate is before
        from gronnkjop.formats.ehf.validate import validate_tree  # the module's own names

        assert callable(validate_tree)
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PYTHONPATH": f"{ROOT / 'src'}:{ROOT}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_validate_in_this_process_is_callable_and_returns_a_report() -> None:
    import gronnkjop.formats.ehf
    import gronnkjop.formats.ehf.validate
    from gronnkjop.formats.ehf.report import Report

    report = gronnkjop.formats.ehf.validate(invoice_xml(3))
    assert isinstance(report, Report)
    assert report.valid


def test_shared_index_gives_the_same_invoice_and_report() -> None:
    data = invoice_xml(5)
    tree = etree.fromstring(data)
    alone = (invoice_from_tree(tree), validate_tree(tree))
    for first_validate in (True, False):
        index = TreeIndex()
        if first_validate:
            report = validate_tree(tree, index=index)
            invoice = invoice_from_tree(tree, index=index)
        else:
            invoice = invoice_from_tree(tree, index=index)
            report = validate_tree(tree, index=index)
        assert (invoice, report) == alone
    assert read_invoice(data) == alone[0]


def test_shared_index_on_an_invalid_document() -> None:
    data = (
        invoice_xml(3)
        .replace(b'unitCode="EA"', b"", 1)
        .replace(b"<cbc:Name>Kontorstol", b"<cbc:Note>a</cbc:Note><cbc:Name>Kontorstol", 1)
    )
    tree = etree.fromstring(data)
    index = TreeIndex()
    shared = validate_tree(tree, index=index)
    assert shared == validate_tree(etree.fromstring(data))
    assert "BR-23" in shared.rule_ids()


def test_a_tree_nested_deeper_than_the_recursion_limit_is_validated() -> None:
    # Built in Python (the hardened parser stops at 256 levels): the validator's walk falls back
    # to a stack and still reports, never raises.
    root = etree.fromstring(invoice_xml(1))
    node = etree.SubElement(
        root, "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}Note"
    )
    for _ in range(sys.getrecursionlimit() + 100):
        node = etree.SubElement(node, "deeper")
    report = validate_tree(root)
    assert report.rule_ids() == ["PEPPOL-EN16931-R008"]
