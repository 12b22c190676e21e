"""Symptoms: pick one and see which link of the chain causes it, then see it in the Nerve lab.

The chosen symptom lives in the URL (`?symptom=cramps`). Signs that are *not* typical and
need a doctor quickly stay visible above the list.
"""

import streamlit as st

from explainer import state
from explainer.diagrams import chain as chain_figures
from explainer.ui import text
from explainer.ui.lab_views import PLOT_CONFIG
from explainer.ui.navigation import page_script

content = text.load()
audience = state.current().audience
page = content.pages["symptoms"]
symptoms = {symptom.id: symptom for symptom in content.symptoms.symptoms}
labels = content.symptoms.labels
steps = [step.id for step in content.chain.steps]


def _picked() -> None:
    state.update(symptom=st.session_state["symptom_pick"])


text.render_header(content, "symptoms")
sections = {section.id: section for section in page.sections}
text.render_red_flags(content, audience)  # signs that need help quickly: always in view
text.render_section(content, sections["why_urgent"], level=5)

st.session_state["symptom_pick"] = state.current().symptom
st.pills(
    labels.pick, options=list(symptoms), format_func=lambda i: symptoms[i].name,
    key="symptom_pick", on_change=_picked,
)  # fmt: skip
chosen = symptoms.get(state.current().symptom)
if chosen is not None:
    number = steps.index(chosen.step) + 1
    words, picture = st.columns([3, 2], gap="large")
    with words:
        st.subheader(chosen.name)
        st.markdown(f"**{labels.medical_name}:** {chosen.medical_name}  \n"
                    f"**{labels.how_common}:** {chosen.how_common}")  # fmt: skip
        st.markdown(f"{chosen.mechanism.for_audience(audience).strip()} "
                    f"{text.citation_chips(content, chosen.refs)}")  # fmt: skip
        current = state.to_query(state.current())
        if chosen.preset is not None:
            lab_query = {**current, "preset": chosen.preset, "protocol": chosen.protocol}
            st.page_link(str(page_script("lab")), label=labels.see_in_lab,
                         query_params=lab_query, icon=":material/science:")  # fmt: skip
        step_label = content.chain.steps[number - 1].label
        st.page_link(
            str(page_script("chain")), query_params={**current, "step": str(number)},
            label=labels.see_in_chain.format(number=number, label=step_label),
            icon=":material/link:",
        )  # fmt: skip
    with picture:
        st.markdown(f"**{labels.where}**")
        figure = chain_figures.vertical_chain_figure(
            [(f"{i}. {step.label}", "") for i, step in enumerate(content.chain.steps, start=1)],
            "",
            highlight=number,
        )
        st.plotly_chart(figure, key="symptom_chain", config={**PLOT_CONFIG, "displayModeBar": False},
                        alt=labels.see_in_chain.format(number=number, label=step_label))  # fmt: skip

for section in page.sections:
    if section.id != "why_urgent":
        text.render_section(content, section)
