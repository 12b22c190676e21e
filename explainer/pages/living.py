"""Living with it: the outlook, daily life, questions to ask the doctor, and where to find
support and expert centres."""

import streamlit as st

from explainer.ui import handout_views, text

content = text.load()
site = content.site
sections = {section.id: section for section in content.pages["living"].sections}
text.render_header(content, "living")
for section_id in ("outlook", "daily_life"):
    text.render_section(content, sections[section_id])
text.render_section(content, sections["questions"])
st.markdown("\n".join(f"- {question}" for question in site.doctor_questions))
handout_views.render(content, key="living_handout")  # the questions are on it, for every reader
text.render_section(content, sections["support"])
st.markdown("\n".join(
    f"- **[{organisation.name}]({organisation.url})** ({organisation.country}): "
    f"{organisation.covers}" for organisation in site.organisations
))  # fmt: skip
