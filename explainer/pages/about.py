"""About & sources: what the app is, privacy, how to cite, and the numbered reference list."""

import streamlit as st

from explainer import state
from explainer.ui import text

content = text.load()
text.render_page(content, "about")

st.header("References")
st.caption("The numbers [n] used throughout the app point to this list.")
for number, reference in enumerate(content.references.values(), start=1):
    ids = " · ".join(
        f"{label} {value}"
        for label, value in (("PMID", reference.pmid), ("DOI", reference.doi))
        if value
    )
    st.markdown(
        f'<span id="ref-{reference.key}"></span>**[{number}]** {reference.citation} '
        f"[{ids}]({reference.link})",
        unsafe_allow_html=True,
    )

audience = state.current().audience
reading = [page for page in content.site.further_reading if audience in page.audiences]
if reading:
    st.header("Further reading")
    st.markdown("\n".join(f"- [{page.title}]({page.url}) — {page.publisher}" for page in reading))

st.header("Reviewed")
st.markdown(f"The medical content was last reviewed on {content.site.reviewed_on:%d %B %Y}.")
