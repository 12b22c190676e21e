"""The app's server, warming up as it starts: ``python -m explainer.serve app.py [options]``.

``streamlit run`` imports an app's modules only when its first reader arrives, so that reader
also waits for Streamlit's pages, plotly, pandas, the compiled model and the lab's first run
(≈ 2 s of a 3–6 s first view here). This starts a thread that does that work, then hands its
command line to ``streamlit run`` (same options): the server answers at once, and its first
reader finds the work done or under way. Imports are shared by the whole process, so the
app's own imports then find the modules loaded (or wait for the thread to finish them).
"""

from __future__ import annotations

import sys
import threading

from streamlit.web import cli


def warm_up() -> None:
    """Start the lab's first run (it computes on the other core, outside the GIL), then
    import every page's modules and read the content."""
    from explainer import state
    from explainer.ui import lab_controls, runs

    runs.warm_up(lab_controls.scenario_of(state.AppState()))
    from explainer.ui import (  # noqa: F401 (imported to have them loaded)
        chain_views,
        classroom_views,
        diagnosis_views,
        handout_views,
        lab_views,
        text,
    )

    text.load()


def main() -> int:
    threading.Thread(target=warm_up, name="server-warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
