from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explainer.ui.navigation import DEFAULT_PAGE, page_script

APP_PATH = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT_S = 60


def open_page(page_id: str, **query: str) -> AppTest:
    """Open `page_id` directly with `query` in its URL, as a reader following a link would."""
    app = AppTest.from_file(str(APP_PATH), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        app.query_params[key] = value
    if page_id != DEFAULT_PAGE:
        app.switch_page(str(page_script(page_id).relative_to(APP_PATH.parent)))
    return app.run()


@pytest.fixture
def open_app():
    return open_page
