"""Streamlit's floor for the cold-start benchmark: two pages, one 2 000-point Plotly line."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st


def chart() -> None:
    t = np.linspace(0.0, 1.0, 2000)
    st.plotly_chart(go.Figure(go.Scatter(x=t, y=np.sin(2 * np.pi * 5 * t))))


def words() -> None:
    st.markdown("A second page.")


st.navigation(
    [st.Page(chart, title="Chart", url_path="chart"), st.Page(words, title="Words")]
).run()
