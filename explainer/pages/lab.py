"""Nerve lab: turn the Kv1 "brakes" down and see, hear and download what the model does."""

import streamlit as st

from explainer import state
from explainer.ui import frame, lab_controls, lab_views, text

content = text.load()
audience = state.current().audience
text.render_header(content, "lab")
frame.audience_on_page(content)
text.patient_model_notice(content)
introduction, *after = content.pages["lab"].sections
text.render_section(content, introduction)
labels = content.lab.labels


@st.fragment
def lab() -> None:
    """Controls and views rerun together, without redrawing the rest of the page."""
    controls, views = st.columns([1, 3], gap="large")
    with controls:
        lab_controls.render(content, audience, lab_controls.effective_state(content))
        st.markdown(f"**{labels.share}**")
        st.code(lab_controls.share_link(), language=None, wrap_lines=True)
        st.caption(labels.share_help)
    current = state.current()
    scenario = lab_controls.scenario_of(current)
    with views:
        lab_views.render(content, audience, scenario, current.preset)
        if audience != "patient":
            with st.expander(labels.dose_response):
                lab_views.dose_response(content, audience, scenario)
            with st.expander(labels.equations):
                lab_views.equations(content)
    lab_controls.look_ahead(current)


lab()
for section in after:
    text.render_section(content, section)
