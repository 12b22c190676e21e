"""A phone (390 × 844) on every page and every chain step: nothing runs off to the side, the
sidebar is out of the way, no chart text overlaps other chart text; screenshots to look at."""

import pytest
from playwright.sync_api import expect

from explainer.content import load_content
from explainer.ui.navigation import DEFAULT_PAGE, PAGE_IDS
from tests.e2e.conftest import CHARTS, LAB_VIEWS

pytestmark = [pytest.mark.e2e, pytest.mark.slow]  # a page load per page and step
CONTENT = load_content()
PHONE = {"width": 390, "height": 844}
VIEWS = [(page_id, {}) for page_id in PAGE_IDS if page_id != "chain"] + [
    ("chain", {"step": str(step)}) for step in range(1, len(CONTENT.chain.steps) + 1)
]

OVERFLOW_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  return Math.max(document.documentElement.scrollWidth - window.innerWidth,
                  main.scrollWidth - main.clientWidth);
}"""
OVERLAPPING_TEXT_JS = """([charts, slackPx]) => {
  const pairs = [];
  for (const chart of document.querySelectorAll(charts)) {
    const boxes = [...chart.querySelectorAll("svg text")]
      .filter(t => t.textContent.trim() && getComputedStyle(t).visibility !== "hidden"
                   && getComputedStyle(t).display !== "none" && t.getAttribute("opacity") !== "0")
      .map(t => [t.textContent.trim(), t.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && r.height > 0);
    boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
      const wide = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const high = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (wide > slackPx && high > slackPx) pairs.push(`${a} × ${b}`);
    }));
  }
  return pairs;
}"""


def check_layout(app_page, name: str) -> None:
    """No sideways scrolling, no chart text on other chart text; a screenshot to look at."""
    page = app_page.page
    assert page.evaluate(OVERFLOW_JS) <= 1, f"{name}: the page scrolls sideways"
    # Glyph boxes include line spacing: touching lines of one label are not an overlap.
    assert page.evaluate(OVERLAPPING_TEXT_JS, [CHARTS, 2]) == [], f"{name}: chart texts overlap"
    app_page.assert_healthy()
    app_page.screenshot(name)


@pytest.mark.parametrize(
    ("page_id", "query"), VIEWS, ids=[f"{p}{''.join(q.values())}" for p, q in VIEWS]
)
def test_a_phone_reads_every_page_without_overlaps(app_page, page_id, query):
    app_page.page.set_viewport_size(PHONE)
    app_page.open("" if page_id == DEFAULT_PAGE else page_id, audience="patient", **query)
    sidebar = app_page.page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    expect(sidebar).to_be_hidden()
    check_layout(app_page, f"phone-{page_id}{''.join(query.values())}")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("preset", ["healthy", "severe"])
def test_the_lab_lays_out_on_a_phone_and_a_laptop(app_page, width, preset):
    app_page.page.set_viewport_size({"width": width, "height": 844})
    query = {} if preset == "healthy" else {"preset": preset}
    app_page.open("lab", audience="clinician", **query)
    expect(app_page.page.locator(f"{LAB_VIEWS} .main-svg").first).to_be_visible()
    check_layout(app_page, f"lab-{preset}-{width}")
