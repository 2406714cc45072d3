import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gronnkjop.core.models import Membership, Organisation, Unit
from gronnkjop.demo import load_all


def test_org_add_is_idempotent(db, capsys):
    call_command("org", "add", "974 760 673", "--name", "Leverandør AS", "--kind", "leverandor")
    call_command("org", "add", "974760673", "--name", "Leverandør AS", "--kind", "leverandor")
    call_command("org", "add", "974760673", "--name", "Leverandøren AS", "--kind", "leverandor")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "974760673 Leverandør AS (Leverandør): opprettet",
        "974760673 Leverandør AS (Leverandør): uendret",
        "974760673 Leverandøren AS (Leverandør): oppdatert",
    ]
    assert list(Organisation.objects.values_list("orgnr", "name")) == [("974760673", "Leverandøren AS")]


def test_org_add_rejects_an_invalid_number_with_exit_status_2(db, capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("org", "add", "974760674", "--name", "X", "--kind", "leverandor")
    assert exited.value.code == 2
    assert (
        capsys.readouterr().err
        == "Feil: Organisasjonsnummeret «974760674» har feil kontrollsiffer (modulus 11).\n"
    )
    assert Organisation.objects.count() == 0


def test_demo_loads_twice_without_duplicates(db):
    load_all(only={"core"})
    counts = (
        Organisation.objects.count(),
        Unit.objects.count(),
        Membership.objects.count(),
        get_user_model().objects.count(),
    )
    load_all(only={"core"})
    assert (
        Organisation.objects.count(),
        Unit.objects.count(),
        Membership.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    assert counts == (16, 11, 9, 7)
    dulten = Organisation.objects.get(name="Dulten kommune")
    assert sorted(Membership.objects.filter(organisation=dulten).values_list("role", flat=True)) == [
        "administrator",
        "avtaleforvalter",
        "behovseier",
        "innkjoper",
        "leder",
        "redaktor",
    ]
    assert get_user_model().objects.get(username="innkjoper").check_password("gronnkjop-demo")


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "GRONNKJOP_ENV": "production",
        "SECRET_KEY": "x" * 64 + "-production-key-Æ1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GRONNKJOP_HTTPS": "1",
        "ALLOWED_HOSTS": "gronnkjop.example.no",
        "GRONNKJOP_VAR_DIR": str(tmp_path),
        "DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gronnkjop.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_production_without_secret_key_stops_with_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"GRONNKJOP_ENV": "production", "GRONNKJOP_VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-m", "gronnkjop.cli", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_serve_on_a_database_without_tables_stops_and_says_to_migrate(tmp_path):
    env = {
        **os.environ,
        "GRONNKJOP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gronnkjop", "serve", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,  # a server that started anyway would be stopped here, and the test fail
    )
    assert result.returncode == 1
    assert "unapplied migration(s)" in result.stderr
    assert "run `gronnkjop migrate` first" in result.stderr
