"""The server crashes and a new one starts on the same port: the open Nerve lab reconnects by
itself and shows the same view, drawn again by the new server from the URL alone."""

import re

import pytest
from playwright.sync_api import expect

from explainer.content import load_content
from tests.e2e.conftest import LAB_VIEWS, app_tab, free_port, run_server

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
LAB = load_content().lab
CONNECTED_JS = """
(connected) => (document.querySelector("[data-testid='stApp']")
  .getAttribute('data-test-connection-state') === 'CONNECTED') === connected
"""
# While the server is down, Streamlit's frontend pings /_stcore/health and /host-config until
# they answer. Chromium logs every refused ping ("Failed to load resource:
# net::ERR_CONNECTION_REFUSED"), which Problems already drops as Streamlit's probes; then
# Streamlit itself logs, from its own bundle, that it cannot reach the server. Those two lines
# are the outage this test causes, so they are allowed while the server is down and nowhere
# else: any other error, or any error after the reconnect, still fails the test.
OUTAGE = re.compile(
    r"(Client Error in reaching server endpoint - No response received when attempting to"
    r" reach /_stcore/health|Streamlit server is not responding\. Are you connected to the"
    r" internet\?) \(http://127\.0\.0\.1:\d+/static/js/index\.[\w-]+\.js\)"
)


def wait_connected(app_page, connected: bool) -> None:
    app_page.page.wait_for_function(CONNECTED_JS, arg=connected, polling=50, timeout=60_000)


@pytest.mark.parametrize("touched", [True, False], ids=["after-a-slider-move", "untouched"])
def test_lab_comes_back_after_a_server_crash(browser, touched):
    port = free_port()
    with (
        run_server(log_name="e2e-restart-before.log", port=port) as first,
        app_tab(browser, first.url) as app_page,
    ):
        page = app_page.page
        app_page.open("lab", kv1="0.3", protocol="stim", audience="student")
        sounds = page.locator("audio")
        kv1 = app_page.slider(LAB.controls["kv1"].label.student)
        kv1.focus()
        shown = 30
        if touched:  # the Listen toggle and a slider move rerun only the lab's fragment
            app_page.act(lambda: page.get_by_text(LAB.labels.listen_toggle).click())
            expect(sounds).to_have_count(2)  # this run and the healthy one, made on request
            kv1.focus()
            app_page.act(lambda: page.keyboard.press("ArrowLeft"))
            shown = 29
        app_page.expect_url_has(f"kv1={shown / 100:g}")
        share = page.get_by_test_id("stCode").first
        expect(share).to_contain_text(f"kv1={shown / 100:g}")
        expect(kv1).to_have_value(str(shown))
        app_page.assert_healthy()
        sliders = page.get_by_test_id("stSlider").locator("input[type='range']")
        main = page.get_by_test_id("stMain")
        url, share_link, main_text = page.url, share.inner_text(), main.inner_text()
        values = [slider.input_value() for slider in sliders.all()]
        sources = [sound.get_attribute("src") for sound in sounds.all()]

        # settle() waits for a websocket message after `since`: only the new server can send
        # it, so what is checked below is its rerun, not the old page left on screen.
        page.evaluate("window.__watch.since = performance.now()")
        first.process.kill()  # SIGKILL, like a crash: no shutdown, no goodbye to the browser
        first.process.wait()
        wait_connected(app_page, False)
        with run_server(log_name="e2e-restart-after.log", port=port):
            wait_connected(app_page, True)
            outage = list(app_page.problems.console_errors)
            app_page.problems.console_errors.clear()
            assert all(OUTAGE.fullmatch(error) for error in outage), outage
            app_page.settle()

            expect(page).to_have_url(url)
            expect(sliders).to_have_count(len(values))
            for index, value in enumerate(values):
                expect(sliders.nth(index)).to_have_value(value)
            expect(share).to_have_text(share_link)
            expect(main).to_have_text(main_text, use_inner_text=True)
            chart = page.locator(LAB_VIEWS)
            expect(chart).to_have_count(1)
            expect(chart.locator(".cartesianlayer .subplot")).to_have_count(5)
            # The same sounds, served by the new server (media files live in its memory).
            expect(sounds).to_have_count(len(sources))
            for index, source in enumerate(sources):
                expect(sounds.nth(index)).to_have_attribute("src", source)
                assert page.request.get(source).ok, source
            app_page.assert_healthy()

            # And it is a working session: the keyboard still moves the lab. Streamlit disables
            # every widget while it is disconnected, which took the focus away, so focus again.
            kv1.focus()
            app_page.act(lambda: page.keyboard.press("ArrowLeft"))
            app_page.expect_url_has(f"kv1={(shown - 1) / 100:g}")
            expect(share).to_contain_text(f"kv1={(shown - 1) / 100:g}")
            app_page.assert_healthy()
            app_page.screenshot(f"lab-after-server-restart-{'touched' if touched else 'untouched'}")
