"""The whole bank as JSON: export, import, and back again without a single difference."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from gronnkjop.examples import search, selectors, services
from gronnkjop.examples.models import Example


def test_export_then_import_into_an_empty_bank_gives_the_same_export(bank, make_example):
    hidden = make_example("Avpublisert", results=[{"kind": "tekst", "value": None, "text": "x"}])
    services.example_unpublish(example=hidden, reason="Utdatert")
    make_example("Et utkast", publish=False, contract_value="1234.5", bidder_count=3)
    exported = selectors.bank_export()
    Example.objects.all().delete()
    search.index_rebuild()
    result = services.bank_import(data=json.loads(json.dumps(exported)))
    assert (result.created, result.updated) == (29, 0)
    assert selectors.bank_export() == exported
    assert [h.slug for h in search.search("brøyting").hits] == ["notodden-leverandoren-gjenbruker-strosand"]


def test_importing_the_same_file_again_changes_nothing(bank):
    exported = selectors.bank_export()
    result = services.bank_import(data=exported)
    assert (result.created, result.updated, selectors.bank_export()) == (0, 27, exported)


def test_a_bad_file_imports_nothing_and_names_the_example(make_example):
    make_example("Eksisterende")
    data = selectors.bank_export()
    data["examples"][0]["title"] = "Ny tittel"
    data["examples"].append({**data["examples"][0], "slug": "ny", "category": "ukjent"})
    with pytest.raises(ValidationError) as error:
        services.bank_import(data=data)
    assert error.value.messages[0].startswith("ny: ")
    assert list(Example.objects.values_list("title", flat=True)) == ["Eksisterende"]
    with pytest.raises(ValidationError):
        services.bank_import(data={"format": "noe annet"})


def test_the_cli_exports_and_imports_files(tmp_path, make_example, capsys):
    make_example("Brukte møbler")
    path = tmp_path / "bank.json"
    call_command("examples", "export", str(path))
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert [e["slug"] for e in exported["examples"]] == ["brukte-mobler"]
    Example.objects.all().delete()
    call_command("examples", "import", str(path))
    assert capsys.readouterr().out == "Importerte 1 nye og oppdaterte 0 eksempler.\n"
    assert selectors.bank_export() == exported


def test_editors_download_and_upload_the_bank(client, editor, make_example):
    make_example("Brukte møbler")
    client.force_login(editor)
    response = client.get(reverse("examples:export"))
    assert response["Content-Disposition"].startswith('attachment; filename="eksempelbanken-')
    body = response.content
    Example.objects.all().delete()
    upload = client.post(reverse("examples:import"), {"file": _file(body)})
    assert upload.url == reverse("examples:editor")
    assert list(Example.objects.values_list("slug", flat=True)) == ["brukte-mobler"]
    bad = client.post(reverse("examples:import"), {"file": _file(b"{ikke json")})
    assert bad.context["form"].errors["file"] == ["Filen er ikke gyldig JSON."]


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bank.json", content, content_type="application/json")
