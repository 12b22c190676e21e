"""Every page, every audience, in real Chromium: no exception, no console error, screenshots."""

import pytest
from playwright.sync_api import expect

from explainer.content import AUDIENCES, load_content
from explainer.ui.navigation import DEFAULT_PAGE, PAGE_IDS

pytestmark = pytest.mark.e2e
CONTENT = load_content()


def _path(page_id: str) -> str:
    return "" if page_id == DEFAULT_PAGE else page_id


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_page_loads_cleanly(app_page, page_id, audience):
    app_page.open(_path(page_id), audience=audience)
    app_page.assert_healthy()
    first_heading = CONTENT.pages[page_id].sections[0].heading_for(audience)
    expect(app_page.page.get_by_role("heading", name=first_heading).first).to_be_visible()
    expect(app_page.page.get_by_text("Content reviewed on")).to_be_visible()
    app_page.screenshot(f"{page_id}-{audience}")


def test_switch_audience_in_sidebar(app_page):
    app_page.open()
    clinician = CONTENT.site.audiences.clinician.label
    app_page.act(app_page.page.get_by_test_id("stSidebar").get_by_text(clinician, exact=True).click)
    app_page.expect_url_has("audience=clinician")
    heading = CONTENT.pages["home"].sections[0].heading_for("clinician")
    expect(app_page.page.get_by_role("heading", name=heading)).to_be_visible()
    app_page.assert_healthy()


def test_navigation_keeps_audience(app_page):
    app_page.open(audience="student")
    app_page.act(app_page.page.get_by_test_id("stSidebarNav").get_by_text("The chain").click)
    app_page.expect_url_has("/chain", "audience=student")
    heading = CONTENT.pages["chain"].sections[0].heading_for("student")
    expect(app_page.page.get_by_role("heading", name=heading)).to_be_visible()
    app_page.assert_healthy()


def test_question_card_leads_to_its_page(app_page):
    app_page.open(audience="patient")
    app_page.act(app_page.page.get_by_test_id("stPageLink").filter(has_text="Symptoms").first.click)
    app_page.expect_url_has("/symptoms")
    app_page.assert_healthy()


def test_citation_chip_opens_reference_list(app_page):
    app_page.open(audience="student")
    chip = app_page.page.locator("[data-testid='stMarkdown'] a[href*='#ref-']").first
    key = chip.get_attribute("href").split("#ref-")[1]
    # A citation opens in a new tab, so the reader keeps their place.
    about = app_page.click_to_new_tab(chip)
    about.expect_url_has("/about", "audience=student")
    expect(about.page.locator(f"#ref-{key}")).to_have_count(1)
    about.assert_healthy()


def test_junk_url_shows_a_notice_not_a_traceback(app_page):
    app_page.open(audience="wizard", kv1="lots")
    expect(app_page.page.get_by_text("could not be used")).to_be_visible()
    app_page.assert_healthy()
    app_page.screenshot("junk-url-notice")


@pytest.mark.parametrize("page_id", ["home", "lab"])
def test_a_phone_arrives_with_the_sidebar_closed(app_page, page_id):
    app_page.page.set_viewport_size({"width": 390, "height": 844})
    app_page.open(_path(page_id), audience="patient")
    sidebar = app_page.page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    expect(sidebar).to_be_hidden()
    heading = CONTENT.pages[page_id].sections[0].heading_for("patient")
    expect(app_page.page.get_by_role("heading", name=heading).first).to_be_visible()
    app_page.assert_healthy()
    app_page.screenshot(f"{page_id}-patient-phone")
