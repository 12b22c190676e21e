"""The patient handout: a short PDF with every section, the warning signs and the questions to ask, with references; printable HTML."""

import io

from pypdf import PdfReader

from explainer import handout
from explainer.content import load_content

CONTENT = load_content()
NO_FIGURES = handout.Figures(chain=None, emg=None)


def test_pdf_fits_two_pages_with_every_section_warning_sign_and_reference():
    reader = PdfReader(io.BytesIO(handout.handout_pdf(CONTENT, NO_FIGURES)))
    assert len(reader.pages) <= 2
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for section in CONTENT.handout.sections:
        assert section.heading in text
    for item in CONTENT.site.red_flags.items_for("patient"):
        assert item in text
    for question in CONTENT.site.doctor_questions:
        assert question in text
    assert CONTENT.handout.labels.references in text
    cited = {key for block in handout.blocks(CONTENT) for _, refs in block.items for key in refs}
    for key in cited:
        assert CONTENT.references[key].year and str(CONTENT.references[key].year) in text
    # Without a browser the handout says why its figures are missing.
    assert "could not be drawn" in text


def test_html_is_a_complete_page_with_the_same_sections():
    page = handout.handout_html(CONTENT, NO_FIGURES)
    assert page.startswith("<!doctype html>") and page.endswith("</html>")
    for section in CONTENT.handout.sections:
        assert f"<h2>{section.heading}</h2>" in page
    for item in CONTENT.site.red_flags.items_for("patient"):
        assert f"<li>{item}" in page
