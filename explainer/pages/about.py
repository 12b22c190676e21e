"""About & sources: what the app is, privacy, how to cite, and the numbered reference list."""

import streamlit as st

from explainer import state
from explainer.ui import text

content = text.load()
text.render_page(content, "about")

labels = content.site.labels
st.header(labels.references)
st.caption(labels.references_caption)
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
    st.header(labels.further_reading)
    st.markdown("\n".join(f"- [{page.title}]({page.url}) — {page.publisher}" for page in reading))

st.header(labels.reviewed)
st.markdown(labels.last_reviewed.format(date=f"{content.site.reviewed_on:%d %B %Y}"))
st.markdown(f"**{labels.review_changes}**")
st.markdown("\n".join(f"- {change}" for change in content.site.changes))
