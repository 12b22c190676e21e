"""The nerve and muscle model: pure numerics (no streamlit, no plotly).

:func:`explainer.model.simulation.run_scenario` is the one call the app and the CLI need:
one simulation of the motor axon pool, its muscle force and EMG, and the summary numbers of
DESIGN.md "Contracts".
"""
