"""The symptom navigator in real Chromium: pick a symptom, follow it to the Nerve lab."""

import pytest

from explainer.content import load_content

pytestmark = pytest.mark.e2e
CONTENT = load_content()
LABELS = CONTENT.symptoms.labels


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_pick_a_symptom_and_open_it_in_the_lab(app_page, audience):
    app_page.open("symptoms", audience=audience)
    cramps = next(s for s in CONTENT.symptoms.symptoms if s.id == "cramps")
    pills = app_page.page.get_by_test_id("stButtonGroup")
    app_page.act(pills.get_by_text(cramps.name, exact=True).click)
    app_page.expect_url_has("symptom=cramps")
    app_page.assert_healthy()
    app_page.screenshot(f"symptoms-cramps-{audience}")
    link = app_page.page.get_by_test_id("stPageLink").filter(has_text=LABELS.see_in_lab)
    app_page.act(link.click)
    app_page.expect_url_has("/lab", f"preset={cramps.preset}")
    app_page.assert_healthy()
