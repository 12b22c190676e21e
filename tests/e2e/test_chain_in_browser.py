"""The chain walkthrough in real Chromium: Next button, keyboard, and Home's chain of steps."""

import pytest
from playwright.sync_api import expect

from explainer.content import load_content
from explainer.content.schema import for_audience

pytestmark = pytest.mark.e2e
CHAIN = load_content().chain


def expect_heading(app_page, number: int, audience: str) -> None:
    text = for_audience(CHAIN.steps[number - 1].title, audience)
    expect(app_page.page.get_by_role("heading", name=text).first).to_be_visible()


@pytest.mark.parametrize("audience", ["patient", "student"])
def test_walk_every_step_with_the_next_button(app_page, audience):
    app_page.open("chain", audience=audience, kv1="0.3")
    for number in range(1, len(CHAIN.steps) + 1):
        if number > 1:
            app_page.expect_url_has(f"step={number}")
        expect_heading(app_page, number, audience)
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
    app_page.expect_url_has("step=3")
    previous = app_page.page.get_by_role("button", name=CHAIN.labels.previous)
    previous.focus()
    app_page.act(lambda: app_page.page.keyboard.press("Enter"))
    app_page.expect_url_has("step=2")
    app_page.assert_healthy()


def test_choosing_a_step_of_the_chain_on_home_by_keyboard_opens_it(app_page):
    app_page.open(audience="patient")
    step = app_page.page.get_by_role("radio", name=f"4. {CHAIN.steps[3].label}")
    step.focus()
    app_page.act(lambda: app_page.page.keyboard.press("Enter"))
    app_page.expect_url_has("/chain", "step=4")
    expect_heading(app_page, 4, "patient")
    app_page.assert_healthy()


def test_antibody_slider_changes_the_brakes(app_page):
    app_page.open("chain", audience="student", step="4")
    app_page.slider(for_audience(CHAIN.steps[3].labels["slider"], "student")).focus()
    for _ in range(4):
        app_page.act(lambda: app_page.page.keyboard.press("ArrowRight"))
    app_page.expect_url_has("kv1=")
    app_page.assert_healthy()
    app_page.screenshot("chain-antibodies-after-slider")
