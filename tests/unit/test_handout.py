"""The patient handout: one PDF page with every section and its references; printable HTML."""

import io

from pypdf import PdfReader

from explainer import handout
from explainer.content import load_content

CONTENT = load_content()
NO_FIGURES = handout.Figures(chain=None, emg=None)


def test_pdf_is_one_page_with_every_section_and_reference():
    reader = PdfReader(io.BytesIO(handout.handout_pdf(CONTENT, NO_FIGURES)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for section in CONTENT.handout.sections:
        assert section.heading in text
    assert CONTENT.handout.labels["references"] in text
    cited = {key for s in CONTENT.handout.sections for p in s.paragraphs for key in p.refs}
    for key in cited:
        assert CONTENT.references[key].year and str(CONTENT.references[key].year) in text
    # Without a browser the handout says why its figures are missing.
    assert "could not be drawn" in text


def test_html_is_a_complete_page_with_the_same_sections():
    page = handout.handout_html(CONTENT, NO_FIGURES)
    assert page.startswith("<!doctype html>") and page.endswith("</html>")
    for section in CONTENT.handout.sections:
        assert f"<h2>{section.heading}</h2>" in page
