"""Real-browser fixtures: the app served as `make run` serves it, on a free loopback port, and
Debian's Chromium driven by Playwright (browsers cannot be downloaded here)."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from explainer.ui import updating_chart

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium calls outside hosts, which this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Streamlit probes <page>/_stcore/health and /host-config when a page is opened by its URL;
# they answer 404 and log "Failed to load resource". That is Streamlit, not the app.
STREAMLIT_PROBE = re.compile(r"/_stcore/(health|host-config)$")
# When a rerun replaces a sound, Streamlit deletes the old media file at the end of the run;
# Chromium sometimes still asks for it (its <audio> element already has the new one) and
# logs a 404. That is Streamlit's media lifecycle, not the app: the new sound plays.
REPLACED_MEDIA = re.compile(r"/media/[0-9a-f]+\.wav$")
HOME_STEPS = "[data-testid='stButtonGroup'] [role='radio']"
"""Home's last element, the chain's steps (Home has no chart)."""
LAB_VIEWS = f".{updating_chart.CHART_CLASS}"
"""The lab's views: one plotly chart, updated in place (explainer/ui/updating_chart.py)."""
CHARTS = "[data-testid='stPlotlyChart']"
"""Every plotly chart: Streamlit's own, and those updated in place (marked the same way)."""
# Assertions retry for up to 20 s (Playwright's default is 5 s), a margin for a loaded two-core
# machine; each passes as soon as it holds.
expect.set_options(timeout=20_000)

# Records the time of the last DOM change and websocket message, so tests can wait until the
# page has really stopped changing.
WATCH_JS = """
(() => {
  const w = window.__watch = {lastChange: 0, lastMessage: 0, since: 0};
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { w.lastMessage = performance.now(); });
    }
  };
  new MutationObserver(() => { w.lastChange = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""
SETTLED_JS = """
(quietMs) => {
  const w = window.__watch, app = document.querySelector("[data-testid='stApp']");
  if (!w || !app || w.lastMessage <= w.since) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector("[data-stale='true']")) return false;
  // Lazily loaded elements (Plotly is one) are a skeleton until their code has loaded;
  // a chart updated in place has no SVG until plotly.js has loaded.
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  for (const chart of document.querySelectorAll("CHARTS"))
    if (!chart.querySelector('.main-svg')) return false;
  const now = performance.now();
  return now - w.lastChange >= quietMs && now - w.lastMessage >= quietMs;
}
""".replace("CHARTS", CHARTS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running server: its process (to kill it like a crash) and its URL."""

    process: subprocess.Popen
    url: str


@contextlib.contextmanager
def run_server(
    app: str = "app.py", log_name: str = "e2e-server.log", port: int | None = None
) -> Iterator[Server]:
    """`streamlit run app` on a loopback port (a free one unless given), headless, from the
    repo root; yields it once it answers its health check, and stops it afterwards. The app
    itself starts as `make run` starts it, through `explainer.serve`."""
    port = port or free_port()
    log_path = ROOT / "artifacts" / log_name
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        # The app through its own launcher (warming up as it starts), other scripts plainly.
        command = ["explainer.serve"] if app == "app.py" else ["streamlit", "run"]
        server = subprocess.Popen(
            [sys.executable, "-m", *command, app, "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                        if answer.read() == b"ok":
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log_path}")
                time.sleep(0.2)
            yield Server(server, url)
        finally:
            server.terminate()  # does nothing if the test already killed it
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


@contextlib.contextmanager
def serve(
    app: str = "app.py", log_name: str = "e2e-server.log", port: int | None = None
) -> Iterator[str]:
    """`run_server`, yielding only the URL."""
    with run_server(app, log_name, port) as server:
        yield server.url


@pytest.fixture(scope="session")
def server_url():
    with serve() as url:
        yield url


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, headless, driven by Playwright; closed afterwards."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def browser():
    with chromium() as launched:
        yield launched


@dataclass
class Problems:
    """Everything a page did wrong: console errors, uncaught errors, calls to other hosts."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and (
            STREAMLIT_PROBE.search(url) or REPLACED_MEDIA.search(url)
        ):
            return
        self.console_errors.append(f"{message.text} ({url})")

    def on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.origin:
            self.outside_requests.append(request.url)


@dataclass
class AppPage:
    """A browser tab on the app, with helpers to wait, check and take screenshots."""

    page: Page
    base_url: str
    problems: Problems

    def slider(self, label: str):
        """The range input of the slider with this label (keyboard users focus it)."""
        return (
            self.page.get_by_test_id("stSlider")
            .filter(has_text=label)
            .locator("input[type='range']")
        )

    def expect_url_has(self, *parts: str) -> None:
        """Wait until the address contains every one of `parts` (in any order)."""
        pattern = "".join(f"(?=.*{re.escape(part)})" for part in parts)
        expect(self.page).to_have_url(re.compile(pattern))

    def open(self, path: str = "", **query: str) -> None:
        search = "&".join(f"{key}={value}" for key, value in query.items())
        self.page.goto(f"{self.base_url}/{path}" + (f"?{search}" if search else ""))
        self.settle()

    def act(self, action) -> None:
        """Do something to the page, then wait until the app has answered and gone quiet."""
        self.page.evaluate("window.__watch.since = performance.now()")
        action()
        self.settle()

    def settle(self, quiet_ms: int = 400, timeout_s: float = 60) -> None:
        self.page.wait_for_function(SETTLED_JS, arg=quiet_ms, polling=50, timeout=timeout_s * 1000)

    def click_to_new_tab(self, locator) -> AppPage:
        """Click a link that opens a new tab; return that tab, settled."""
        with self.page.context.expect_page() as new_tab:
            locator.click()
        opened = AppPage(new_tab.value, self.base_url, self.problems)
        opened.settle()
        return opened

    def assert_healthy(self) -> None:
        exceptions = self.page.locator("[data-testid='stException']")
        assert exceptions.count() == 0, exceptions.first.inner_text()
        assert not self.problems.console_errors, self.problems.console_errors
        assert not self.problems.outside_requests, self.problems.outside_requests

    def screenshot(self, name: str) -> Path:
        """Full-page PNG: Streamlit scrolls inside stMain, so grow the viewport first."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size
        height = self.page.evaluate(
            """() => Math.max(...['stMain', 'stSidebarContent'].map(id => {
                 const el = document.querySelector(`[data-testid='${id}']`);
                 return el ? el.scrollHeight + window.innerHeight - el.clientHeight : 0; }))"""
        )
        if height > size["height"]:
            self.page.set_viewport_size({"width": size["width"], "height": min(height, 12000)})
            self.settle()
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True, animations="disabled")
        self.page.set_viewport_size(size)
        return path


def _watch(page: Page, problems: Problems) -> None:
    page.on("console", problems.on_console)
    page.on("pageerror", lambda error: problems.console_errors.append(f"pageerror: {error}"))
    page.on("request", problems.on_request)


@contextlib.contextmanager
def app_tab(browser, base_url: str) -> Iterator[AppPage]:
    """A tab on the app at `base_url`, in its own browser context, watched for problems."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(WATCH_JS)
        problems = Problems(origin=urlsplit(base_url).netloc)
        context.on("page", lambda page: _watch(page, problems))
        yield AppPage(context.new_page(), base_url, problems)
    finally:
        context.close()


@pytest.fixture
def app_page(browser, server_url):
    with app_tab(browser, server_url) as tab:
        yield tab
