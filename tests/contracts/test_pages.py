from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gronnkjop.contracts.models import CallOff, Contract, ContractDocument, PriceListItem
from gronnkjop.core.models import Unit
from gronnkjop.core.services import collaboration_ensure
from gronnkjop.formats.pricelist import read_price_list

from .conftest import D, add_option, make_contract, make_item

FORM = {
    "number": "DUL-9",
    "title": "Kantinemat",
    "kind": "rammeavtale",
    "cpv": "55520000",
    "start_date": "01.01.2026",
    "end_date": "2027-12-31",
    "estimated_value": "800000",
    "price_tolerance_pct": "0",
    "notice_months": "6",
}

PRICE_CSV = (
    "contract_number;article_number;description;unit_code;unit_price;valid_from\n"
    "K-1;A;Vare A;EA;100;01.01.2025\n"
    "K-1;B;Vare B;EA;250;01.01.2025\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_contract_manager_creates_a_contract_with_norwegian_dates(login, users_a, org_a):
    response = login(users_a["avtaleforvalter"]).post(reverse("contracts:contract_create"), FORM)
    contract = Contract.objects.get(organisation=org_a, number="DUL-9")
    assert response.url == reverse("contracts:contract_detail", args=[contract.pk])
    assert (contract.start_date, contract.end_date, contract.kind) == (
        D(2026, 1, 1),
        D(2027, 12, 31),
        "rammeavtale",
    )
    assert contract.history.get().history_user == users_a["avtaleforvalter"]


def test_a_duplicate_contract_number_is_a_form_error(login, users_a, org_a):
    make_contract(org_a, "DUL-9")
    response = login(users_a["avtaleforvalter"]).post(reverse("contracts:contract_create"), FORM)
    assert response.status_code == 200
    assert response.context["form"].errors == {"number": ["En annen avtale har allerede dette nummeret."]}


def test_leader_sees_contracts_but_cannot_create_edit_or_import(login, users_a, contract_a):
    client = login(users_a["leder"])
    assert client.get(reverse("contracts:contract_list")).status_code == 200
    detail = client.get(reverse("contracts:contract_detail", args=[contract_a.pk]))
    assert detail.status_code == 200
    assert reverse("contracts:contract_edit", args=[contract_a.pk]) not in detail.content.decode()
    for name, args in [
        ("contracts:contract_create", []),
        ("contracts:contract_edit", [contract_a.pk]),
        ("contracts:option_add", [contract_a.pk]),
        ("contracts:price_list_import", []),
        ("contracts:contract_import", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
        assert client.post(reverse(name, args=args), FORM).status_code == 403
    contract_a.refresh_from_db()
    assert contract_a.title == "Avtale K-1"


def test_the_list_filters_by_text_and_supplier(login, users_a, org_a, contract_a, supplier):
    make_contract(org_a, "K-2", title="Brøyting")
    client = login(users_a["leder"])
    by_text = client.get(reverse("contracts:contract_list"), {"q": "brøyt"}).context["contracts"]
    by_supplier = client.get(reverse("contracts:contract_list"), {"supplier": supplier.pk}).context[
        "contracts"
    ]
    assert ([c.number for c in by_text], [c.number for c in by_supplier]) == (["K-2"], ["K-1"])


def test_a_joint_agreement_is_visible_to_members_but_edited_only_by_the_collaboration(login, users_a, org_a):
    collaboration = collaboration_ensure(name="Samarbeidet", members=[org_a])
    joint = make_contract(collaboration, "SAM-1")
    client = login(users_a["avtaleforvalter"])
    assert client.get(reverse("contracts:contract_detail", args=[joint.pk])).status_code == 200
    assert client.get(reverse("contracts:contract_edit", args=[joint.pk])).status_code == 404
    assert [c.number for c in client.get(reverse("contracts:contract_list")).context["contracts"]] == [
        "SAM-1"
    ]


def test_price_list_import_shows_the_changes_and_applies_them_on_confirm(login, users_a, contract_a):
    make_item(contract_a, "A", "90")
    make_item(contract_a, "C", "30")
    client = login(users_a["avtaleforvalter"])
    url = reverse("contracts:price_list_import")
    upload = SimpleUploadedFile("prisliste.csv", PRICE_CSV.encode(), content_type="text/csv")
    preview = client.post(url, {"file": upload}).context["preview"]
    assert (
        [r.article_number for r in preview.added],
        [c.old.article_number for c in preview.changed],
        [r.item.article_number for r in preview.removed],
    ) == (["B"], ["A"], ["C"])
    assert PriceListItem.objects.filter(contract=contract_a, valid_to__isnull=True).count() == 2
    response = client.post(url, {"confirm": "1"})
    assert response.url == reverse("contracts:contract_detail", args=[contract_a.pk])
    # C was valid from the day the new list starts, so it was never valid under it: deleted.
    assert [r.deleted for r in preview.removed] == [True]
    assert sorted(contract_a.price_items.values_list("article_number", "unit_price", "valid_to")) == [
        ("A", Decimal("100.0000"), None),
        ("B", Decimal("250.0000"), None),
    ]


def test_a_price_list_with_bad_rows_shows_every_error_and_changes_nothing(login, users_a, contract_a):
    bad = PRICE_CSV + "K-1;D;Vare D;EA;gratis;01.01.2025\nX-9;E;Vare E;EA;5;01.01.2025\n"
    upload = SimpleUploadedFile("prisliste.csv", bad.encode())
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:price_list_import"), {"file": upload}
    )
    # in the interface language, with the Norwegian heading of the column; the unknown contract
    # number in the same pass as the bad cell, so one upload shows everything to fix
    assert response.context["errors"] == [
        "rad 4, kolonne enhetspris: 'gratis' er ikke et tall",
        "rad 5: ukjent avtalenummer X-9",
    ]
    assert PriceListItem.objects.count() == 0
    assert (
        login(users_a["avtaleforvalter"])
        .post(reverse("contracts:price_list_import"), {"confirm": "1"})
        .status_code
        == 200
    )
    assert PriceListItem.objects.count() == 0


def test_contract_import_previews_then_creates(login, users_a, org_a):
    csv = (
        "contract_number,title,supplier_orgnr,supplier_name,cpv,start_date,end_date,estimated_value\n"
        "K-7,Catering,920000193,Kantinekjøkkenet AS,55520000,2025-01-01,2026-12-31,400000\n"
    )
    client = login(users_a["avtaleforvalter"])
    url = reverse("contracts:contract_import")
    response = client.post(url, {"file": SimpleUploadedFile("avtaler.csv", csv.encode())})
    assert [r.contract_number for r in response.context["preview"].created] == ["K-7"]
    assert Contract.objects.count() == 0
    client.post(url, {"confirm": "1"})
    assert list(Contract.objects.values_list("organisation", "number", "title")) == [
        (org_a.pk, "K-7", "Catering")
    ]


def test_an_option_is_added_and_exercised(login, users_a, contract_a):
    client = login(users_a["avtaleforvalter"])
    client.post(
        reverse("contracts:option_add", args=[contract_a.pk]),
        {"new_end_date": "31.12.2027", "deadline": "30.06.2026"},
    )
    option = contract_a.options.get()
    client.post(reverse("contracts:option_exercise", args=[option.pk]))
    contract_a.refresh_from_db()
    assert contract_a.effective_end == D(2027, 12, 31)


def test_an_option_must_extend_the_contract(login, users_a, contract_a):
    add_option(contract_a, D(2027, 12, 31))
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:option_add", args=[contract_a.pk]), {"new_end_date": "2027-06-30"}
    )
    assert response.context["form"].errors == {
        "new_end_date": ["En opsjon må forlenge avtalen ut over 31.12.2027."]
    }


def test_suppliers_are_added_and_reranked(login, users_a, contract_a):
    client = login(users_a["avtaleforvalter"])
    client.post(
        reverse("contracts:supplier_add", args=[contract_a.pk]),
        {"orgnr": "920 000 126", "name": "Ombrukslageret AS"},
    )
    second = contract_a.contract_suppliers.get(rank=2)
    client.post(reverse("contracts:supplier_move", args=[second.pk]), {"direction": "up"})
    assert list(contract_a.contract_suppliers.order_by("rank").values_list("supplier__orgnr", flat=True)) == [
        "920000126",
        "920000118",
    ]


def test_a_document_is_uploaded_and_downloaded_by_a_reader(login, users_a, contract_a):
    client = login(users_a["avtaleforvalter"])
    upload = SimpleUploadedFile("kontrakt.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(
        reverse("contracts:document_upload", args=[contract_a.pk]),
        {"title": "Signert kontrakt", "file": upload},
    )
    document = ContractDocument.objects.get()
    response = login(users_a["leder"]).get(reverse("contracts:document_download", args=[document.pk]))
    assert (document.title, b"".join(response.streaming_content)) == ("Signert kontrakt", b"%PDF-1.4 test")


def test_a_call_off_is_registered_for_an_own_unit(login, users_a, org_a, contract_a):
    unit = Unit.objects.create(organisation=org_a, name="Dulten skole", code="2110")
    login(users_a["avtaleforvalter"]).post(
        reverse("contracts:call_off_add", args=[contract_a.pk]),
        {"order_number": "4500000001", "ordered_on": "15.03.2025", "unit": unit.pk},
    )
    assert list(CallOff.objects.values_list("contract", "order_number", "ordered_on", "unit")) == [
        (contract_a.pk, "4500000001", D(2025, 3, 15), unit.pk)
    ]


def test_the_annual_cycle_page_groups_events_by_month(login, users_a, org_a):
    from django.utils import timezone

    from gronnkjop.contracts.dates import add_months

    today = timezone.localdate()
    contract = make_contract(org_a, "K-5", start_date=add_months(today, -6), end_date=add_months(today, 2))
    months = login(users_a["leder"]).get(reverse("contracts:annual_cycle")).context["months"]
    expiry = add_months(today, 2)
    assert [(e.kind, e.contract) for e in dict(months)[expiry.replace(day=1)] if e.kind == "expiry"] == [
        ("expiry", contract)
    ]


def test_the_contract_page_links_to_its_follow_up_page(login, users_a, contract_a):
    page = login(users_a["leder"]).get(reverse("contracts:contract_detail", args=[contract_a.pk]))
    follow_up = reverse("followup:contract_followup", args=[contract_a.pk])
    assert f'href="{follow_up}">Forbruk og avvik</a>' in page.content.decode()
    assert login(users_a["leder"]).get(follow_up).status_code == 200


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_price_list_downloads_and_imports_back_without_changes(
    login, users_a, contract_a, tmp_path, file_format
):
    make_item(contract_a, "A", "90", valid_to=D(2025, 6, 30))
    make_item(contract_a, "A", "95.5", valid_from=D(2025, 7, 1), description="Vare A; ny pris")
    make_item(contract_a, "B", "1234567.8912", condition="used", unit_code="KGM")
    client = login(users_a["leder"])  # seeing the contract is enough to download its prices
    response = client.get(reverse("contracts:price_list_export", args=[contract_a.pk, file_format]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="prisliste-K-1.{file_format}"'
    path = tmp_path / f"prisliste.{file_format}"
    path.write_bytes(response.content)
    assert [
        (r.article_number, r.description, r.unit_code, r.unit_price, r.valid_from, r.valid_to, r.condition)
        for r in read_price_list(path)
    ] == [
        ("A", "Vare A", "EA", Decimal("90"), D(2025, 1, 1), D(2025, 6, 30), "new"),
        ("A", "Vare A; ny pris", "EA", Decimal("95.5"), D(2025, 7, 1), None, "new"),
        ("B", "Vare B", "KGM", Decimal("1234567.8912"), D(2025, 1, 1), None, "used"),
    ]
    upload = SimpleUploadedFile(path.name, response.content)
    page = login(users_a["avtaleforvalter"]).post(reverse("contracts:price_list_import"), {"file": upload})
    preview = page.context["preview"]
    assert (preview.added, preview.changed, preview.removed, preview.unchanged) == ([], [], [], 3)
    body = page.content.decode()  # nothing to apply, and the page says so
    assert 'name="confirm"' not in body
    assert "Ingenting å endre: filen sier det som allerede er lagret." in body


def test_the_contract_page_offers_the_download_only_when_there_are_prices(login, users_a, contract_a):
    client = login(users_a["innkjoper"])
    url = reverse("contracts:contract_detail", args=[contract_a.pk])
    download = reverse("contracts:price_list_export", args=[contract_a.pk, "xlsx"])
    assert download not in client.get(url).content.decode()
    make_item(contract_a, "A", "90")
    page = client.get(url).content.decode()
    assert download in page
    assert "Last ned prisliste (Excel)" in page


def test_another_tenant_cannot_download_the_price_list(login, users_b, contract_a):
    make_item(contract_a, "A", "90")
    url = reverse("contracts:price_list_export", args=[contract_a.pk, "csv"])
    assert login(users_b["leder"]).get(url).status_code == 404


def test_only_csv_and_xlsx_are_offered(login, users_a, contract_a):
    response = login(users_a["leder"]).get(f"/avtaler/{contract_a.pk}/prisliste.ods")
    assert response.status_code == 404


def test_import_errors_are_in_english_when_english_is_chosen(login, users_a, contract_a):
    client = login(users_a["avtaleforvalter"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    bad = PRICE_CSV + "K-1;D;Vare D;EA;gratis;01.01.2025\n"
    upload = SimpleUploadedFile("prisliste.csv", bad.encode())
    response = client.post(reverse("contracts:price_list_import"), {"file": upload})
    assert response.context["errors"] == ["row 4, column unit_price: 'gratis' is not a number"]


def test_the_contract_form_says_what_is_wrong_with_dates_amounts_and_cpv(login, users_a, org_a):
    bad = FORM | {
        "start_date": "31.12.2026",
        "end_date": "01.01.2026",
        "estimated_value": "-5",
        "price_tolerance_pct": "-1",
        "cpv": "abc",
    }
    response = login(users_a["avtaleforvalter"]).post(reverse("contracts:contract_create"), bad)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "end_date": ["Sluttdatoen kan ikke være før startdatoen."],
        "estimated_value": ["Verdien må være større enn eller lik 0."],
        "price_tolerance_pct": ["Verdien må være større enn eller lik 0."],
        "cpv": ["En CPV-kode er åtte sifre, eventuelt med kontrollsiffer: 30200000 eller 30200000-1."],
    }
    assert not Contract.objects.filter(organisation=org_a, number="DUL-9").exists()


def test_a_broken_workbook_is_named_as_uploaded_and_said_in_bokmal(login, users_a, contract_a):
    client = login(users_a["avtaleforvalter"])
    upload = SimpleUploadedFile("priser.xlsx", b"PK\x03\x04 not a workbook")
    response = client.post(reverse("contracts:price_list_import"), {"file": upload})
    assert response.context["errors"] == ["priser.xlsx: filen er ikke en lesbar Excel-arbeidsbok (.xlsx)"]
    upload = SimpleUploadedFile("avtaler.xlsx", b"PK\x03\x04 not a workbook")
    response = client.post(reverse("contracts:contract_import"), {"file": upload})
    assert response.context["errors"] == ["avtaler.xlsx: filen er ikke en lesbar Excel-arbeidsbok (.xlsx)"]


def test_a_program_is_not_taken_as_a_contract_document(login, users_a, contract_a):
    client = login(users_a["avtaleforvalter"])
    upload = SimpleUploadedFile("kontrakt.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(
        reverse("contracts:document_upload", args=[contract_a.pk]), {"title": "Kontrakt", "file": upload}
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith('Filendelsen "exe" er ikke tillatt. Tillatte filendelser er: pdf, docx, doc')
    assert ContractDocument.objects.count() == 0


def test_a_call_off_cannot_be_dated_in_the_future(login, users_a, contract_a):
    from datetime import timedelta

    from django.utils import timezone

    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:call_off_add", args=[contract_a.pk]),
        {"order_number": "4500000002", "ordered_on": tomorrow.strftime("%d.%m.%Y")},
    )
    assert response.context["form"].errors == {"ordered_on": ["En bestilling kan ikke dateres fram i tid."]}
    assert CallOff.objects.count() == 0


def test_a_joint_agreement_in_a_price_list_is_named_as_the_collaborations(
    login, users_a, org_a, contract_a, contract_b
):
    collaboration = collaboration_ensure(name="Innkjøpssamarbeidet", members=[org_a])
    make_contract(collaboration, "SAM-201")
    csv = PRICE_CSV + "SAM-201;E;Vare E;EA;5;01.01.2025\nB-1;F;Vare F;EA;5;01.01.2025\n"
    client = login(users_a["avtaleforvalter"])
    url = reverse("contracts:price_list_import")
    response = client.post(url, {"file": SimpleUploadedFile("prisliste.csv", csv.encode())})
    joint = (
        "rad 4: SAM-201 er en felles avtale i Innkjøpssamarbeidet; bare Innkjøpssamarbeidet kan "
        "importere prislisten til den"
    )
    # another tenant's contract stays unknown: its existence is not told
    assert response.context["errors"] == [joint, "rad 5: ukjent avtalenummer B-1"]
    # the same with a bad cell in the file: still one pass
    bad = csv + "K-1;G;Vare G;EA;gratis;01.01.2025\n"
    response = client.post(url, {"file": SimpleUploadedFile("prisliste.csv", bad.encode())})
    assert response.context["errors"] == [
        joint,
        "rad 5: ukjent avtalenummer B-1",
        "rad 6, kolonne enhetspris: 'gratis' er ikke et tall",
    ]
    assert PriceListItem.objects.count() == 0


def test_joint_agreement_errors_are_in_english_when_english_is_chosen(login, users_a, org_a, contract_a):
    collaboration = collaboration_ensure(name="Samarbeidet", members=[org_a])
    make_contract(collaboration, "SAM-201")
    client = login(users_a["avtaleforvalter"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    csv = PRICE_CSV + "SAM-201;E;Vare E;EA;5;01.01.2025\n"
    response = client.post(
        reverse("contracts:price_list_import"), {"file": SimpleUploadedFile("p.csv", csv.encode())}
    )
    assert response.context["errors"] == [
        "row 4: SAM-201 is a joint agreement of Samarbeidet; only Samarbeidet can import its price list"
    ]


@pytest.mark.parametrize(
    ("name", "content", "taken"),
    [
        ("kontrakt.pdf", b"MZ\x90\x00\x03\x00\x00\x00", False),  # a program renamed to .pdf
        ("kontrakt.pdf", b"%PDF-1.7\n", True),
        ("bilag.docx", b"PK\x03\x04\x14\x00", True),
        ("bilag.docx", b"%PDF-1.7\n", False),
        ("notat.txt", "Møtereferat 12.03.2026".encode(), True),
        ("notat.txt", b"\x7fELF\x02\x01\x01\x00", False),
        ("bilde.png", b"\x89PNG\r\n\x1a\n\x00\x00", True),
    ],
)
def test_a_document_must_be_what_its_name_says(login, users_a, contract_a, name, content, taken):
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        reverse("contracts:document_upload", args=[contract_a.pk]),
        {"title": "Vedlegg", "file": SimpleUploadedFile(name, content)},
    )
    assert ContractDocument.objects.count() == (1 if taken else 0)
    if not taken:
        extension = name.rsplit(".", 1)[1]
        assert response.context["form"].errors == {
            "file": [f"Filen {name} er ikke en .{extension}-fil: innholdet stemmer ikke med navnet."]
        }
