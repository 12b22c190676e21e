"""Home: Isaac syndrome in one minute, and the reader's questions mapped to pages."""

import streamlit as st

from explainer import state
from explainer.ui import chain_views, frame, handout_views, navigation, text

content = text.load()
audience = state.current().audience
st.title(content.site.name)
st.markdown(f"*{content.site.tagline}*")
frame.audience_on_page(content)
text.render_page_sections(content, "home")
chain_views.overview(content)
if audience == "clinician":
    handout_views.render(content, key="home_handout")

st.header(content.site.labels.questions_heading)
questions = content.pages["home"].questions
columns = st.columns(3)
for index, question in enumerate(questions):
    with columns[index % 3].container(border=True, height="stretch"):
        st.markdown(f"**{question.text_for('question', audience)}**")
        st.caption(question.text_for("hint", audience))
        navigation.link_to(content, question.page)
