import json

import pytest
from django.core.management import call_command

from gronnkjop.contracts.models import Contract, PriceListItem
from gronnkjop.followup.models import Invoice

from .conftest import ehf


def run(capsys, *args):
    with pytest.raises(SystemExit) as exited:
        call_command(*args)
        raise SystemExit(0)
    out = capsys.readouterr()
    return exited.value.code or 0, out.out, out.err


def test_import_invoices_json_summary_and_exit_status(dulten, write, capsys):
    good = write("ok.xml", ehf(number="J-1"))
    bad = write("bad.xml", b"<Invoice/>")
    code, out, _ = run(
        capsys, "import", "invoices", str(good), str(bad), "--org", "940080177", "--format", "json"
    )
    summary = json.loads(out)
    assert code == 1
    assert (summary["imported"], summary["skipped"]) == (1, 0)
    assert [r["file"] for r in summary["rejected"]] == [str(bad)]
    assert summary["rejected"][0]["errors"][0]["rule"] == "UBL-ROOT"
    code, out, _ = run(capsys, "import", "invoices", str(good), "--org", "940080177", "--format", "json")
    assert (code, json.loads(out)) == (0, {"imported": 0, "skipped": 1, "rejected": []})


def test_import_with_unknown_organisation_or_path_exits_2(dulten, write, capsys):
    code, _, err = run(capsys, "import", "invoices", str(write("a.xml", ehf())), "--org", "974760673")
    assert (code, err.strip()) == (
        2,
        "Feil: ingen organisasjon med organisasjonsnummer 974760673 (bruk «gronnkjop org add»).",
    )
    code, _, err = run(capsys, "import", "invoices", "/finnes/ikke.xml", "--org", "940080177")
    assert (code, err.strip()) == (2, "Feil: finner ikke /finnes/ikke.xml")


def test_control_run_json(dulten, write, capsys):
    data = ehf(number="P-1", lines=(("KP-10001", "Kopipapir", "20", "60.00"),))  # 20 × (60.00 − 52.90)
    run(capsys, "import", "invoices", str(write("p.xml", data)), "--org", "940080177", "--format", "json")
    code, out, _ = run(capsys, "control", "run", "--org", "940080177", "--format", "json")
    payload = json.loads(out)
    assert code == 0
    assert payload["lines_checked"] == 1
    assert payload["deviations"] == [
        {
            "code": "PRICE_ABOVE_AGREEMENT",
            "supplier": "920000185",
            "invoice": "P-1",
            "line": "1",
            "contract": "DUL-103",
            "amount_at_stake": "142.00",
        }
    ]
    assert payload["by_code"]["PRICE_ABOVE_AGREEMENT"] == 1
    assert sum(payload["by_code"].values()) == 1


def test_import_contracts_and_price_list_from_csv(dulten, tmp_path, capsys):
    contracts = tmp_path / "avtaler.csv"
    contracts.write_text(
        "kontraktsnummer;tittel;leverandor_orgnr;leverandor;cpv;startdato;sluttdato;estimert_verdi;tak\n"
        "DUL-500;Renhold;920000223;Byggservice Sørbygda AS;90910000;01.01.2026;31.12.2027;1 200 000;1 500 000\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "import", "contracts", str(contracts), "--org", "940080177", "--format", "json"
    )
    assert (code, json.loads(out)) == (0, {"created": 1, "updated": 0, "unchanged": 0})
    code, out, _ = run(
        capsys, "import", "contracts", str(contracts), "--org", "940080177", "--format", "json"
    )
    assert (code, json.loads(out)) == (0, {"created": 0, "updated": 0, "unchanged": 1})
    prices = tmp_path / "priser.csv"
    prices.write_text(
        "kontraktsnummer,artikkelnummer,beskrivelse,enhet,enhetspris,gyldig_fra\n"
        'DUL-500,R-1,Renhold per time,HUR,"545,50",2026-01-01\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "import", "pricelist", str(prices), "--org", "940080177", "--format", "json")
    assert (code, json.loads(out)) == (0, {"added": 1, "changed": 0, "removed": 0, "unchanged": 0})
    item = PriceListItem.objects.get(contract__number="DUL-500")
    assert (item.article_number, str(item.unit_price)) == ("R-1", "545.5000")
    assert Contract.objects.get(number="DUL-500").ceiling is not None


def test_import_price_list_with_bad_rows_applies_nothing(dulten, tmp_path, capsys):
    prices = tmp_path / "priser.csv"
    prices.write_text(
        "contract_number;article_number;description;unit_code;unit_price;valid_from\n"
        "DUL-103;X-1;A;EA;abc;2026-01-01\n"
        "DUL-103;X-2;B;EA;10;31.02.2026\n",
        encoding="utf-8",
    )
    before = PriceListItem.objects.count()
    code, out, _ = run(capsys, "import", "pricelist", str(prices), "--org", "940080177", "--format", "json")
    assert code == 1
    assert [(e["row"], e["column"]) for e in json.loads(out)["errors"]] == [
        (2, "unit_price"),
        (3, "valid_from"),
    ]
    assert PriceListItem.objects.count() == before
    assert Invoice.objects.count() == 0


def test_import_price_list_reports_bad_cells_and_unknown_contracts_in_one_pass(dulten, tmp_path, capsys):
    prices = tmp_path / "priser.csv"
    prices.write_text(
        "kontraktsnummer;artikkelnummer;beskrivelse;enhet;enhetspris;gyldig_fra\n"
        "DUL-103;X-1;A;EA;abc;2026-01-01\n"
        "DUL-999;X-2;B;EA;10;2026-01-01\n",
        encoding="utf-8",
    )
    before = PriceListItem.objects.count()
    code, out, _ = run(capsys, "import", "pricelist", str(prices), "--org", "940080177", "--format", "json")
    assert code == 1
    assert json.loads(out)["errors"] == [
        {"row": 2, "column": "unit_price", "message": "'abc' er ikke et tall"},
        {"row": 3, "column": "contract_number", "message": "ukjent avtalenummer DUL-999"},
    ]
    code, _, err = run(capsys, "import", "pricelist", str(prices), "--org", "940080177")
    assert code == 1
    assert err.splitlines()[1:] == [
        "  rad 2, kolonne enhetspris: 'abc' er ikke et tall",
        "  rad 3, kolonne kontraktsnummer: ukjent avtalenummer DUL-999",
    ]
    assert PriceListItem.objects.count() == before


def test_import_contracts_refuses_a_municipality_as_supplier_and_applies_nothing(dulten, tmp_path, capsys):
    contracts = tmp_path / "avtaler.csv"
    contracts.write_text(
        "contract_number;title;supplier_orgnr;supplier_name;cpv;start_date;end_date;estimated_value\n"
        "DUL-600;Vask;920000223;Byggservice Sørbygda AS;90910000;2026-01-01;2027-12-31;100000\n"
        "DUL-601;Feil;940080185;Nordvik kommune;90910000;2026-01-01;2027-12-31;100000\n",
        encoding="utf-8",
    )
    before = Contract.objects.count()
    code, out, _ = run(
        capsys, "import", "contracts", str(contracts), "--org", "940080177", "--format", "json"
    )
    assert code == 1
    assert len(json.loads(out)["errors"]) == 1
    assert Contract.objects.count() == before
