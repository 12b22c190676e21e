"""The Nerve lab in real Chromium: charts and sound render, the keyboard moves the sliders."""

import re

import pytest
from playwright.sync_api import expect

from explainer.content import load_content
from tests.e2e.conftest import LAB_VIEWS

pytestmark = pytest.mark.e2e
LAB = load_content().lab


def test_lab_from_a_link_renders_every_view(app_page):
    app_page.open("lab", kv1="0.2", protocol="stim", audience="student")
    app_page.assert_healthy()
    page = app_page.page
    # One figure, five rows on one time axis: membrane, raster, EMG, healthy EMG, force.
    views = page.locator(LAB_VIEWS)
    expect(views).to_have_count(1)
    # Marked like Streamlit's plotly charts, so tools waiting for those wait for it.
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)
    expect(views).to_have_attribute("data-testid", "stPlotlyChart")
    expect(views.locator(".cartesianlayer .subplot")).to_have_count(5)
    # At least two shapes: raster ticks + the driven stretch.
    expect(views.locator(".shapelayer path").nth(1)).to_be_attached()
    expect(page.locator("audio")).to_have_count(0)  # sound is made for those who ask
    app_page.act(lambda: page.get_by_text(LAB.labels.listen_toggle).click())
    expect(page.locator("audio")).to_have_count(2)
    expect(page.get_by_text(LAB.labels.readout)).to_be_visible()
    share = page.locator("[data-testid='stCode']").first
    expect(share).to_contain_text("kv1=0.2")
    expect(share).to_contain_text("protocol=stim")
    app_page.screenshot("lab-link-severe-stim")


# The views' chart element: a mark on it (gone if the element was replaced), its role and
# accessible name.
VIEWS_JS = """
(mark) => {
  const chart = document.querySelector(".explainer-chart.js-plotly-plot");
  if (mark) chart.dataset.mark = mark;
  return {mark: chart.dataset.mark ?? null, label: chart.getAttribute('aria-label'),
          role: chart.getAttribute('role')};
}
"""


def test_keyboard_moves_kv1_and_the_charts_follow(app_page):
    app_page.open("lab", audience="student", kv1="0.5")
    page = app_page.page
    captions = page.locator("[data-testid='stCaptionContainer']")
    before = captions.all_inner_texts()
    drawn = page.evaluate(VIEWS_JS, "first")
    # The first slider is "Kv1 conductance remaining"; a keyboard user tabs to it and presses keys.
    app_page.slider(LAB.controls["kv1"].label.student).focus()
    for _ in range(3):
        app_page.act(lambda: page.keyboard.press("ArrowLeft"))
    app_page.expect_url_has("kv1=0.47")
    expect(captions).not_to_have_text(before, use_inner_text=True)
    # The same chart, updated in place, with a new figure and a new accessible name.
    now = page.evaluate(VIEWS_JS, None)
    assert now["mark"] == "first" and now["role"] == "figure"
    assert "47 %" in now["label"] and now["label"] != drawn["label"]
    app_page.assert_healthy()
    app_page.screenshot("lab-student-after-keyboard")


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_presets_in_every_audience(app_page, audience):
    app_page.open("lab", audience=audience, preset="carbamazepine")
    app_page.assert_healthy()
    app_page.expect_url_has("na_block=0.1")
    app_page.screenshot(f"lab-carbamazepine-{audience}")


# Where the first unmarked hover point of the raster is on screen, from plotly's own axes;
# null until plotly has drawn the figure.
FIRST_RASTER_SPIKE_JS = """
() => {
  const plot = document.querySelector(".explainer-chart.js-plotly-plot");
  const trace = plot?._fullData?.find((t) => t.mode === 'none' && t.x.length);
  if (!trace) return null;
  const layout = plot._fullLayout;
  const xaxis = layout['xaxis' + trace.xaxis.slice(1)], yaxis = layout['yaxis' + trace.yaxis.slice(1)];
  const box = plot.getBoundingClientRect();
  return {name: trace.name, x: box.left + xaxis._offset + xaxis.l2p(trace.x[0]),
          y: box.top + yaxis._offset + yaxis.l2p(trace.y[0])};
}
"""


def test_hovering_a_raster_tick_names_and_explains_its_pattern(app_page):
    app_page.open("lab", kv1="0.3", audience="patient")
    page = app_page.page
    page.locator(LAB_VIEWS).scroll_into_view_if_needed()
    spike = page.wait_for_function(FIRST_RASTER_SPIKE_JS).json_value()
    page.mouse.move(spike["x"], spike["y"])
    label = page.locator(".hoverlayer .hovertext")
    pattern = next(p for p in LAB.patterns.values() if p.name == spike["name"])
    expect(label).to_contain_text(pattern.name)
    expect(label).to_contain_text(pattern.explanation.patient.split()[0])
    app_page.screenshot("lab-raster-hover")


def test_the_views_keep_what_streamlits_chart_gave(app_page):
    """Updated in place (explainer/ui/updating_chart.py), the chart still has its name, the
    app's width and look, and a mode bar whose PNG download works from the keyboard."""
    app_page.open("lab", audience="student")
    page = app_page.page
    views = page.locator(LAB_VIEWS)
    expect(views).to_have_attribute("role", "figure")
    summary = LAB.charts["membrane"].summary.student.split()[0]
    expect(views).to_have_attribute("aria-label", re.compile(f"^{re.escape(summary)}"))
    column = page.get_by_test_id("stVerticalBlock").filter(has=views).last
    assert abs(views.bounding_box()["width"] - column.bounding_box()["width"]) <= 1
    title = views.locator(".gtitle")
    expect(title).to_have_css("font-family", re.compile("Source Sans"))
    expect(title.locator("[style*='bold']").first).to_be_attached()  # <b>, as plotly draws it
    views.hover()  # plotly shows its mode bar while the pointer is on the chart
    expect(views.get_by_role("button", name="Fullscreen")).to_be_visible()
    download = views.get_by_role("button", name="Download plot as a PNG")
    download.focus()
    with page.expect_download() as saved:
        page.keyboard.press("Enter")
    assert saved.value.suggested_filename.endswith(".png")
    app_page.assert_healthy()
