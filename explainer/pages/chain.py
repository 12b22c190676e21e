"""The chain: from the immune system to stiff, twitching muscles, one step per screen.

The step lives in the URL (`?step=4`); Previous/Next, a progress bar and a jump list move
between steps. Every diagram is computed: anatomy from explainer/data/chain.yaml, physiology
from the model.
"""

import streamlit as st

from explainer import state
from explainer.content.schema import for_audience
from explainer.ui import chain_views, text

content = text.load()
chain = content.chain
audience = state.current().audience
total = len(chain.steps)
number = min(state.current().step, total)
step = chain.steps[number - 1]
labels = chain.labels


def _go(to: int) -> None:
    state.update(step=to)


def _jumped() -> None:
    state.update(step=st.session_state["chain_jump"])


text.render_header(content, "chain")
st.progress(number / total, text=labels.progress.format(step=number, total=total, label=step.label))
st.session_state["chain_jump"] = number
st.segmented_control(
    labels.jump, options=range(1, total + 1), key="chain_jump", on_change=_jumped,
    format_func=lambda i: f"{i}. {chain.steps[i - 1].label}", required=True,
)  # fmt: skip

words, picture = st.columns([2, 3], gap="large")
with words:
    st.header(for_audience(step.title, audience))
    for paragraph in step.body.for_audience(audience):
        st.markdown(text.paragraph_markdown(content, paragraph), unsafe_allow_html=True)
with picture:
    chain_views.render_diagram(content, step, audience)

back, _, forward = st.columns([1, 3, 1])
back.button(labels.previous, on_click=_go, args=(number - 1,), disabled=number == 1,
            icon=":material/arrow_back:", use_container_width=True)  # fmt: skip
forward.button(labels.next, on_click=_go, args=(number + 1,), disabled=number == total,
               icon=":material/arrow_forward:", type="primary", use_container_width=True)  # fmt: skip

text.render_page_sections(content, "chain")
