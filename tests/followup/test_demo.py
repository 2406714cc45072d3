"""The demo year: generated as real BIS 3 XML that the validator accepts, and the control finds exactly
the planted deviations (every kind, a few times) and nothing else."""

import duckdb
from django.db import connection
from django.utils import timezone

from gronnkjop import engine
from gronnkjop.core.services import organisation_ensure
from gronnkjop.followup.demo_invoices import OUTSIDE_SUPPLIERS, PREFIX_SUPPLIER, generate
from gronnkjop.followup.models import Deviation, Invoice
from gronnkjop.followup.services import build_tables, control_run
from gronnkjop.followup.services.imports import InvoiceImportResult, import_document


def _import_demo(demo_base, scale=0.05):
    dulten = demo_base.organisations["dulten"]
    for key, (orgnr, name) in OUTSIDE_SUPPLIERS.items():
        demo_base.organisations[key] = organisation_ensure(
            orgnr=orgnr, name=name, kind="leverandor"
        ).organisation
    suppliers = {key: demo_base.organisations[key] for key in {*PREFIX_SUPPLIER.values(), *OUTSIDE_SUPPLIERS}}
    units = {key: unit.code for key, unit in demo_base.units.items()}
    plan = generate(
        organisation=dulten, units=units, supplier_orgs=suppliers, today=timezone.localdate(), scale=scale
    )
    result = InvoiceImportResult()
    for name, data in plan.documents:
        import_document(organisation=dulten, batch=None, file=name, data=data, result=result, store_xml=False)
    return dulten, plan, result


def test_the_demo_invoices_validate_and_the_control_finds_exactly_what_was_planted(demo_base):
    dulten, plan, result = _import_demo(demo_base)
    assert (result.rejected, len(result.imported)) == ([], len(plan.documents))
    control_run(organisation=dulten)
    found = {
        (d.code, d.invoice.supplier_orgnr, d.invoice.number, d.line.line_id if d.line else None)
        for d in Deviation.objects.select_related("invoice", "line")
    }
    assert found == plan.planted
    kinds = {code for code, *_ in plan.planted}
    assert kinds == set(engine.CODES)


def test_the_engine_gives_identical_results_on_this_database_and_on_duckdb(demo_base):
    """The suite runs on SQLite and again on PostgreSQL, so together this proves all three backends."""
    dulten, _plan, _result = _import_demo(demo_base)
    tables = build_tables(organisation=dulten)
    here = engine.control_run(engine.backend_for(connection), tables)
    with duckdb.connect() as con:
        there = engine.control_run(engine.backend_for(con), tables)
    assert here.deviations == there.deviations
    assert here.matches == there.matches
    assert (here.lines_checked, here.invoices_checked) == (there.lines_checked, there.invoices_checked)
    assert len(here.deviations) > 40
    assert Invoice.objects.filter(organisation=dulten).count() == here.invoices_checked
