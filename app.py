"""Isaac Syndrome Explainer: entry point (page setup, audience, navigation, footer)."""

import streamlit as st

from explainer import state
from explainer.content import ContentError
from explainer.ui import frame, lab_controls, navigation, runs, text

st.set_page_config(
    page_title="Isaac Syndrome Explainer",
    page_icon="assets/icon.svg",
    layout="wide",
    initial_sidebar_state="auto",  # open on laptops, closed on phones,
)

runs.warm_up(lab_controls.scenario_of(state.AppState()))  # the lab's first view
try:
    content = text.load()
except ContentError as error:
    st.error(f"The app's content could not be loaded. {error}", icon=":material/error:")
    st.stop()

_, notices = state.sync_from_url(
    preset_names=content.presets.keys(),
    symptom_names=[symptom.id for symptom in content.symptoms.symptoms],
)
pages = navigation.build_pages(content)
current_page = st.navigation(list(pages.values()))
frame.audience_picker(content)
frame.url_notices(content, notices)
frame.redraw_after_reconnect()
text.start_page_words()
current_page.run()
frame.footer(content, red_flags=current_page is not pages["symptoms"])  # Symptoms opens with them
