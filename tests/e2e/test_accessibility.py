"""Every page passes axe-core (bundled, offline) with no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e
PAGES = ["", "chain?step=4", "lab?kv1=0.3", "symptoms?symptom=cramps", "diagnosis",
         "living", "classroom", "about"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(app_page, path):
    page, _, query = path.partition("?")
    app_page.open(page, **dict(pair.split("=") for pair in query.split("&") if pair))
    violations = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in Axe().run(app_page.page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not violations, violations
