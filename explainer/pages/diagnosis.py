"""Diagnosis & treatment: how it is diagnosed (with EMG patterns simulated and audible), what
helps (a sodium-channel blocker live, and an illustrative treatment timeline)."""

from explainer import state
from explainer.ui import diagnosis_views, handout_views, text

content = text.load()
audience = state.current().audience
sections = {section.id: section for section in content.pages["diagnosis"].sections}
text.render_header(content, "diagnosis")
text.patient_model_notice(content)
if audience == "clinician":
    handout_views.render(content, key="diagnosis_handout")
text.render_section(content, sections["diagnosis"])
diagnosis_views.emg_gallery(content, audience)
if audience != "patient":
    diagnosis_views.excitability_test(content, audience)
for section_id in ("other_tests", "differential", "autoimmune_evidence", "triggers", "treatment"):
    text.render_section(content, sections[section_id])
diagnosis_views.blocker_demo(content)
diagnosis_views.timeline(content)
