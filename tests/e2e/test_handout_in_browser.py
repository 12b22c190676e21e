"""A clinician prepares and downloads the handout in real Chromium; the PDF has figures."""

import io

import pytest
from pypdf import PdfReader

from explainer.content import load_content

pytestmark = pytest.mark.e2e
LABELS = load_content().handout.labels


def test_clinician_downloads_the_handout_pdf(app_page):
    app_page.open("diagnosis", audience="clinician")
    app_page.act(app_page.page.get_by_role("button", name=LABELS.prepare).click)
    app_page.assert_healthy()
    with app_page.page.expect_download() as download:
        app_page.page.get_by_role("button", name=LABELS.pdf).click()
    data = download.value.path().read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) <= 2
    # The figures were drawn (kaleido with the system Chromium): two images in the handout.
    assert sum(len(page.images) for page in reader.pages) == 2
    app_page.screenshot("diagnosis-clinician-handout")
