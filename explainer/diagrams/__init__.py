"""Plotly figure builders: pure functions from model output and words to figures."""
