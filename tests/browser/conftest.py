"""A real Grønnkjøp server (gunicorn, demo data, SQLite file) and a real Chromium driven by Playwright.

The server runs as a subprocess exactly as ``make demo`` runs it, so these tests see what a user sees.
Chromium is Debian's (/usr/bin/chromium); Playwright never downloads a browser. axe-core comes from npm.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("GRONNKJOP_CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "gronnkjop-demo"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("GRONNKJOP_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("browser-var")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"GRONNKJOP_VAR_DIR": str(var), "DEBUG": "0", "PYTHONUNBUFFERED": "1"})
    cli = [sys.executable, "-m", "gronnkjop.cli"]
    subprocess.run([*cli, "demo", "--load-only"], env=env, check=True, capture_output=True, timeout=1200)
    subprocess.run([*cli, "collectstatic", "--noinput", "-v0"], env=env, check=True, timeout=300)
    port = _free_port()
    log = open(var / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--workers", "2"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310 - loopback
                if json.load(response)["status"] == "ok":
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"server did not start: {(var / 'server.log').read_text()}") from None
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def browser():
    _require(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    _require(AXE.exists(), "axe-core not installed (npm ci)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/konto/innlogging/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A and AA rules; return the violations (id, impact, targets)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
