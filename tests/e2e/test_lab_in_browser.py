"""The Nerve lab in real Chromium: charts and sound render, the keyboard moves the sliders."""

import pytest

from explainer.content import load_content

pytestmark = pytest.mark.e2e
LAB = load_content().lab


def caption_text(app_page) -> str:
    return " ".join(app_page.page.locator("[data-testid='stCaptionContainer']").all_inner_texts())


def test_lab_from_a_link_renders_every_view(app_page):
    app_page.open("lab", kv1="0.2", protocol="stim", audience="student")
    app_page.assert_healthy()
    page = app_page.page
    # One figure, five rows on one time axis: membrane, raster, EMG, healthy EMG, force.
    views = page.locator("[data-testid='stPlotlyChart']")
    assert views.count() == 1
    assert views.locator(".cartesianlayer .subplot").count() == 5
    assert views.locator(".shapelayer path").count() >= 2  # raster ticks + the driven stretch
    assert page.locator("audio").count() == 2
    assert page.get_by_text(LAB.labels.readout).is_visible()
    share = page.locator("[data-testid='stCode']").first.inner_text()
    assert "kv1=0.2" in share and "protocol=stim" in share
    app_page.screenshot("lab-link-severe-stim")


def test_keyboard_moves_kv1_and_the_charts_follow(app_page):
    app_page.open("lab", audience="student", kv1="0.5")
    before = caption_text(app_page)
    # The first slider is "Kv1 conductance remaining"; a keyboard user tabs to it and presses keys.
    app_page.slider(LAB.controls["kv1"].label.student).focus()
    for _ in range(3):
        app_page.act(lambda: app_page.page.keyboard.press("ArrowLeft"))
    assert "kv1=0.47" in app_page.page.url
    after = caption_text(app_page)
    assert after != before
    app_page.assert_healthy()
    app_page.screenshot("lab-student-after-keyboard")


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_presets_in_every_audience(app_page, audience):
    app_page.open("lab", audience=audience, preset="carbamazepine")
    app_page.assert_healthy()
    assert "na_block=0.1" in app_page.page.url
    app_page.screenshot(f"lab-carbamazepine-{audience}")


# Where the first unmarked hover point of the raster is on screen, from plotly's own axes.
FIRST_RASTER_SPIKE_JS = """
() => {
  const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  const trace = plot._fullData.find((t) => t.mode === 'none' && t.x.length);
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
    page.locator("[data-testid='stPlotlyChart']").scroll_into_view_if_needed()
    spike = page.evaluate(FIRST_RASTER_SPIKE_JS)
    page.mouse.move(spike["x"], spike["y"])
    label = page.locator(".hoverlayer .hovertext")
    label.wait_for(timeout=5000)
    pattern = next(p for p in LAB.patterns.values() if p.name == spike["name"])
    text = label.text_content()
    assert pattern.name in text
    assert pattern.explanation.patient.split()[0] in text
    app_page.screenshot("lab-raster-hover")
