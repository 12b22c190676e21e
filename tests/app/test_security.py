"""Script in a link never runs: URL values reach no HTML, HTML call sites are reviewed, config is safe.

Streamlit escapes Markdown unless `unsafe_allow_html=True` and never escapes `st.html`, so
those are the only places where a link's text could become live HTML in a reader's browser.
"""

import ast
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from explainer.content import AUDIENCES
from explainer.state import AppState
from explainer.ui.navigation import PAGE_IDS

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
# Every parameter state.parse_query reads; the sweep adds one it does not know (its name is
# echoed in a notice too).
URL_PARAMS = tuple(field.name for field in fields(AppState))

# Where HTML is let through, and why each is safe: they show texts from data/ (validated at
# load, reviewed like code), glossary tooltips escaped with html.escape, and citation links
# whose settings come from the parsed AppState, never from the raw URL.
HTML_SITES = {
    "explainer/pages/about.py:<module>": "reference list: anchors and citations from data/",
    "explainer/pages/chain.py:<module>": "chain step paragraphs from data/chain.yaml",
    "explainer/ui/classroom_views.py:exercises": "exercise tasks from data/ with glossary",
    "explainer/ui/text.py:render_section": "page paragraphs from data/ with citation chips",
}


def _html_elements(app):
    """Every element the browser renders as HTML: Markdown with allow_html, and st.html."""
    return [element for element in app if element.type == "html" or _allows_html(element)]


def _allows_html(element) -> bool:
    # The tree's root has no proto; blocks (columns, containers) have one without allow_html.
    return getattr(getattr(element, "proto", None), "allow_html", False)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_payload_in_every_url_parameter_stays_text(open_app, page_id, payload):
    # One audience per page (AUDIENCES in turn) keeps 16 runs instead of 48; the audience
    # parameter itself gets the payload in the test below.
    audience = AUDIENCES[PAGE_IDS.index(page_id) % len(AUDIENCES)]
    query = {name: payload for name in URL_PARAMS} | {"audience": audience, payload: payload}
    app = open_app(page_id, **query)
    assert not app.exception, app.exception
    _assert_no_live_payload(app, payload)
    assert app.sidebar.radio(key="audience_picker").value == audience


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_payload_as_audience_falls_back(open_app, page_id):
    payload = PAYLOADS[PAGE_IDS.index(page_id) % len(PAYLOADS)]
    app = open_app(page_id, audience=payload)
    assert not app.exception, app.exception
    _assert_no_live_payload(app, payload)
    assert app.sidebar.radio(key="audience_picker").value == "patient"


def _assert_no_live_payload(app, payload: str) -> None:
    html_elements = _html_elements(app)
    assert html_elements, "every page shows paragraphs from data/ as HTML Markdown"
    for element in html_elements:
        body = element.value
        assert payload not in body, f"{element.type} renders the URL's HTML: {body[:200]}"
        assert "<script" not in body.lower() and "onerror" not in body.lower(), body[:200]
    # The payload did reach the page, as text in the notice (st.info never renders HTML).
    notices = " ".join(element.value for element in app.info)
    assert payload in notices
    assert not any(_allows_html(element) for element in app.info)


def _html_call_sites():
    """`file:function` of every call that lets HTML through, in app.py and explainer/."""
    for path in [ROOT / "app.py", *sorted((ROOT / "explainer").rglob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in _html_sites(tree):
            yield f"{path.relative_to(ROOT).as_posix()}:{function}"


def _html_sites(tree: ast.AST):
    """Enclosing function (`<module>` at top level) of each `unsafe_allow_html=<not False>`
    keyword and each `….html(` call (st.html, components.html)."""
    for function, call in _calls(tree, "<module>"):
        unsafe = any(
            keyword.arg == "unsafe_allow_html"
            and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False)
            for keyword in call.keywords
        )
        if unsafe or (isinstance(call.func, ast.Attribute) and call.func.attr == "html"):
            yield function


def _calls(node: ast.AST, function: str):
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _calls(child, child.name)
            continue
        if isinstance(child, ast.Call):
            yield function, child
        yield from _calls(child, function)


def test_html_call_sites_are_reviewed():
    """A new place that lets HTML through fails here until it is reviewed and listed."""
    found = set(_html_call_sites())
    assert found - HTML_SITES.keys() == set(), "new HTML call site: review it, add to HTML_SITES"
    assert HTML_SITES.keys() - found == set(), "HTML_SITES lists a site that no longer exists"


def test_scanner_finds_html_call_sites():
    code = (
        "def f():\n    st.html(x)\n    st.markdown(y, unsafe_allow_html=flag)\n"
        "    st.markdown(z, unsafe_allow_html=False)\n"
        "st.caption(st.html(a), unsafe_allow_html=True)\n"
    )
    assert list(_html_sites(ast.parse(code))) == ["f", "f", "<module>", "<module>"]


def test_config_keeps_browser_protections_and_no_telemetry():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["browser"]["gatherUsageStats"] is False
