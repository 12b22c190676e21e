"""The chain walkthrough in real Chromium: Next button, keyboard, and Home's clickable chain."""

import pytest

from explainer.content import load_content
from explainer.content.schema import for_audience

pytestmark = pytest.mark.e2e
CHAIN = load_content().chain


def heading_visible(app_page, number: int, audience: str) -> bool:
    text = for_audience(CHAIN.steps[number - 1].title, audience)
    return app_page.page.get_by_role("heading", name=text).first.is_visible()


@pytest.mark.parametrize("audience", ["patient", "student"])
def test_walk_every_step_with_the_next_button(app_page, audience):
    app_page.open("chain", audience=audience, kv1="0.3")
    for number in range(1, len(CHAIN.steps) + 1):
        assert f"step={number}" in app_page.page.url or number == 1
        assert heading_visible(app_page, number, audience)
        app_page.assert_healthy()
        app_page.screenshot(f"chain-{audience}-step{number}")
        if number < len(CHAIN.steps):
            next_button = app_page.page.get_by_role("button", name=CHAIN.labels.next)
            app_page.act(next_button.click)


def test_keyboard_moves_between_steps(app_page):
    app_page.open("chain", audience="clinician", step="2")
    next_button = app_page.page.get_by_role("button", name=CHAIN.labels.next)
    next_button.focus()
    app_page.act(lambda: app_page.page.keyboard.press("Enter"))
    assert "step=3" in app_page.page.url
    previous = app_page.page.get_by_role("button", name=CHAIN.labels.previous)
    previous.focus()
    app_page.act(lambda: app_page.page.keyboard.press("Enter"))
    assert "step=2" in app_page.page.url
    app_page.assert_healthy()


def test_clicking_a_link_of_the_chain_on_home_opens_that_step(app_page):
    app_page.open(audience="patient")
    chart = app_page.page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    points = chart.locator(".scatterlayer .point")
    assert points.count() == len(CHAIN.steps)
    app_page.act(lambda: points.nth(3).click(force=True))
    assert "/chain" in app_page.page.url and "step=4" in app_page.page.url
    assert heading_visible(app_page, 4, "patient")
    app_page.assert_healthy()


def test_antibody_slider_changes_the_brakes(app_page):
    app_page.open("chain", audience="student", step="4")
    app_page.slider(CHAIN.steps[3].labels["slider"]).focus()
    for _ in range(4):
        app_page.act(lambda: app_page.page.keyboard.press("ArrowRight"))
    assert "kv1=" in app_page.page.url
    app_page.assert_healthy()
    app_page.screenshot("chain-antibodies-after-slider")
