"""Two app replicas behind Debian's nginx with deploy/nginx/streamlit.conf, in real Chromium:
the app works through the proxy under its Content-Security-Policy, one browser stays on one
replica, new browsers spread over both, and every answer carries the security headers."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from explainer.content import load_content
from explainer.ui.navigation import DEFAULT_PAGE, PAGE_IDS
from tests.e2e.conftest import HOME_STEPS, LAB_VIEWS, ROOT, AppPage, app_tab, free_port, serve

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
CONTENT = load_content()
LAB = CONTENT.lab
NGINX = Path("/usr/sbin/nginx")
SERVER_CONF = ROOT / "deploy" / "nginx" / "streamlit.conf"
ROUTE_COOKIE = "stroute"
ISSUED_COOKIE = re.compile(rf"{ROUTE_COOKIE}=([0-9a-f]{{32}});")
STREAM = "/_stcore/stream"
# Around the shared server block: loopback port, files in the test's folder, and an access
# log of which replica served each request under which route key.
MAIN_CONF = """\
daemon off;
master_process off;  # one process: nothing outlives the test, even if it must be killed
pid {tmp}/nginx.pid;
error_log {tmp}/error.log notice;
events {{
    worker_connections 256;
}}
http {{
    log_format replicas escape=json
        '{{"key":"$route_key","upstream":"$upstream_addr","status":"$status","uri":"$uri"}}';
    access_log {tmp}/access.log replicas;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/upstream.conf;
    server {{
        listen 127.0.0.1:{port};
        include {server_conf};
    }}
}}
"""
# The hash policy is deploy/nginx/upstream.conf's; only the servers differ.
UPSTREAM_CONF = """\
upstream streamlit_replicas {{
    hash $route_key consistent;
{servers}
}}
"""
# Every CSP violation, including any the console might not show.
CSP_WATCH_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


@dataclass
class Proxy:
    """nginx in front of the replicas: its URL, the replicas as nginx names them, its logs."""

    url: str
    replicas: tuple[str, ...]
    access_log: Path
    error_log: Path

    def entries(self) -> list[dict]:
        lines = self.access_log.read_text().splitlines() if self.access_log.exists() else []
        return [json.loads(line) for line in lines]

    def wait_for_entries(
        self, holds: Callable[[list[dict]], bool], what: str, timeout_s: float = 30
    ) -> list[dict]:
        """The access log once `holds(entries)` is true; nginx logs a request when it ends
        (a websocket when it closes), a moment after the client has its answer."""
        deadline = time.monotonic() + timeout_s
        while not holds(entries := self.entries()):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"nginx never logged {what}; last entries: {entries[-10:]};"
                    f" error log: {self.error_log.read_text()[-2000:]}"
                )
            time.sleep(0.1)
        return entries

    def replica_of(self, key: str, websockets: int = 0) -> str:
        """The one replica that served every request under route `key`, once nginx has
        logged at least `websockets` closed websockets for it."""

        def logged(entries: list[dict]) -> bool:
            mine = [e for e in entries if e["key"] == key]
            opened = [e for e in mine if e["uri"].endswith(STREAM) and e["status"] == "101"]
            return bool(mine) and len(opened) >= websockets

        entries = self.wait_for_entries(logged, f"{websockets} websocket(s) for route {key}")
        upstreams = {e["upstream"] for e in entries if e["key"] == key}
        assert len(upstreams) == 1, f"route {key} went to {upstreams}"
        (upstream,) = upstreams
        assert upstream in self.replicas
        return upstream


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def issued_route(headers) -> str | None:
    """The route cookie nginx set in this answer, if any (Streamlit sets its XSRF cookie too)."""
    for cookie in headers.get_all("Set-Cookie") or []:
        if issued := ISSUED_COOKIE.match(cookie):
            assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
            return issued.group(1)
    return None


def _get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.headers, answer.read()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> Iterator[Proxy]:
    if not NGINX.exists():
        pytest.skip(f"nginx is not installed ({NGINX}); as root: make nginx")
    tmp = tmp_path_factory.mktemp("nginx")
    with contextlib.ExitStack() as stack:
        urls = [
            stack.enter_context(serve(log_name=f"e2e-proxy-replica-{number}.log"))
            for number in (1, 2)
        ]
        replicas = tuple(urlsplit(url).netloc for url in urls)
        servers = "\n".join(f"    server {replica};" for replica in replicas)
        (tmp / "upstream.conf").write_text(UPSTREAM_CONF.format(servers=servers))
        port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(MAIN_CONF.format(tmp=tmp, port=port, server_conf=SERVER_CONF))
        error_log = tmp / "error.log"
        output_path = tmp / "nginx.out"
        output = stack.enter_context(output_path.open("w"))
        nginx = subprocess.Popen(
            [NGINX, "-p", tmp, "-c", conf, "-e", error_log], stdout=output, stderr=output
        )
        stack.callback(_stop, nginx)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError):
                if _get(f"{url}/_stcore/health")[1] == b"ok":
                    break
            if nginx.poll() is not None or time.monotonic() > deadline:
                logs = [path.read_text() for path in (error_log, output_path) if path.exists()]
                raise RuntimeError("nginx did not start:\n" + "".join(logs))
            time.sleep(0.1)
        yield Proxy(url, replicas, tmp / "access.log", error_log)


@contextlib.contextmanager
def proxied_tab(browser, proxy: Proxy, route: str | None = None) -> Iterator[AppPage]:
    """A new browser on the app through the proxy, watched for CSP violations too; `route`
    presets its route cookie (otherwise nginx issues one)."""
    with app_tab(browser, proxy.url) as tab:
        tab.page.context.add_init_script(CSP_WATCH_JS)
        if route:
            tab.page.context.add_cookies([{"name": ROUTE_COOKIE, "value": route, "url": proxy.url}])
        yield tab


def assert_clean(tab: AppPage) -> None:
    tab.assert_healthy()  # no exception, no console error (CSP violations are errors there)
    assert tab.page.evaluate("window.__cspViolations") == []


def route_of(tab: AppPage) -> str:
    (cookie,) = [c for c in tab.page.context.cookies() if c["name"] == ROUTE_COOKIE]
    assert cookie["httpOnly"]
    assert cookie["sameSite"] == "Lax"
    return cookie["value"]


def chart_is_drawn(tab: AppPage) -> bool:
    return tab.page.locator(f"{LAB_VIEWS} .main-svg").first.is_visible()


def home_is_drawn(tab: AppPage) -> bool:
    return tab.page.locator(HOME_STEPS).first.is_visible()


def captions(tab: AppPage) -> str:
    return " ".join(tab.page.get_by_test_id("stCaptionContainer").all_inner_texts())


def test_answers_carry_the_security_headers_and_one_route_cookie(proxy):
    headers, body = _get(f"{proxy.url}/")
    assert headers.get_content_type() == "text/html"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Server"] == "nginx"  # no version
    route = issued_route(headers)
    assert route
    # A browser that has its cookie keeps it: nginx sends no new one.
    headers, _ = _get(f"{proxy.url}/", cookie=f"{ROUTE_COOKIE}={route}")
    assert issued_route(headers) is None
    assert headers["Content-Security-Policy"] == csp
    # The CSP allows Streamlit's inline script by its hash; a Streamlit upgrade may change it.
    for script in re.findall(rb"<script>(.*?)</script>", body, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        assert f"'sha256-{digest}'" in csp, (
            f"Streamlit's inline script changed: put 'sha256-{digest}' in {SERVER_CONF}"
            " and deploy/k8s.yaml"
        )


def test_k8s_ingress_sends_the_same_security_headers():
    documents = yaml.safe_load_all((ROOT / "deploy" / "k8s.yaml").read_text())
    (headers,) = [d["data"] for d in documents if d["kind"] == "ConfigMap"]
    conf = SERVER_CONF.read_text()
    for name, value in headers.items():
        assert f'add_header {name} "{value}" always;' in conf, name


def test_the_lab_works_through_the_proxy_on_one_replica(browser, proxy):
    with proxied_tab(browser, proxy) as tab:
        tab.open(audience="student")
        assert home_is_drawn(tab)
        assert_clean(tab)
        tab.open("lab", audience="student", kv1="0.5")
        assert chart_is_drawn(tab)
        before = captions(tab)
        tab.slider(LAB.controls["kv1"].label.student).focus()
        tab.act(lambda: tab.page.keyboard.press("ArrowLeft"))
        tab.expect_url_has("kv1=0.49")
        assert captions(tab) != before
        # A download made on demand: served by the replica that holds this tab's session.
        with tab.page.expect_download() as download:
            tab.page.get_by_role("button", name=LAB.labels.spikes_csv).click()
        assert download.value.path().read_bytes().count(b"\n") > 1
        assert_clean(tab)
        route = route_of(tab)
    # Closed, the tab's two websockets (Home, then the lab) are in nginx's log: everything it
    # asked for, pages, scripts, websockets, sounds and the download, went to one replica.
    proxy.replica_of(route, websockets=2)
    served = {e["uri"] for e in proxy.entries() if e["key"] == route}
    assert any(uri.startswith("/media/") for uri in served)  # the sounds and the CSV


@pytest.mark.timeout(600)  # eight full page loads: two minutes on a busy two-core machine
def test_every_page_renders_under_the_csp(browser, proxy):
    with proxied_tab(browser, proxy) as tab:
        for page_id in PAGE_IDS:
            tab.open("" if page_id == DEFAULT_PAGE else page_id, audience="student")
            heading = CONTENT.pages[page_id].sections[0].heading_for("student")
            assert tab.page.get_by_role("heading", name=heading).first.is_visible()
            assert_clean(tab)


def test_new_browsers_spread_over_both_replicas(browser, proxy):
    # Forty cookie-less first visits, each given a random route: all forty on one replica
    # would happen less than once in 10^8 runs, even if the hash split them 60:40.
    routes = []
    for _ in range(40):
        headers, _ = _get(f"{proxy.url}/_stcore/health")
        route = issued_route(headers)
        assert route, "nginx set no route cookie on a first visit"
        routes.append(route)
    replica_of = {route: proxy.replica_of(route) for route in routes}
    assert set(replica_of.values()) == set(proxy.replicas)
    # The same cookie always leads to the same replica.
    one_route_each = {replica: route for route, replica in replica_of.items()}
    for route in one_route_each.values():
        for _ in range(3):
            _get(f"{proxy.url}/_stcore/health", cookie=f"{ROUTE_COOKIE}={route}")
    for replica, route in one_route_each.items():
        proxy.wait_for_entries(
            lambda entries, route=route: sum(e["key"] == route for e in entries) >= 4,
            f"four requests for route {route}",
        )
        assert proxy.replica_of(route) == replica
    # And a real browser session lives on each replica, by the route it was given.
    for replica, route in one_route_each.items():
        with proxied_tab(browser, proxy, route=route) as tab:
            tab.open(audience="patient")
            assert home_is_drawn(tab)
            assert_clean(tab)
        assert proxy.replica_of(route, websockets=1) == replica
