"""Streamlit's floor for the lab benchmark: one slider, one 2 000-point Plotly line."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

frequency = st.slider("Frequency", 1, 100, 50)
t = np.linspace(0.0, 1.0, 2000)
st.plotly_chart(go.Figure(go.Scatter(x=t, y=np.sin(2 * np.pi * frequency * t))))
