"""URL state: defaults, clamping, junk handling and round-trips."""

from dataclasses import fields

from hypothesis import given
from hypothesis import strategies as st

from explainer.content.schema import AUDIENCES
from explainer.model.limits import SETTINGS
from explainer.state import CHAIN_ANTIBODY, PROTOCOLS, AppState, parse_query, to_query
from tests.conftest import fuzz

MAX_SEED = SETTINGS["seed"].high

PRESETS = ("healthy", "severe")
SYMPTOMS = ("cramps", "twitching")


def test_empty_url_gives_defaults_and_no_notice():
    assert parse_query({}) == (AppState(), [])


def test_valid_values_are_read():
    state, notices = parse_query(
        {"audience": "student", "kv1": "0.3", "protocol": "stim", "preset": "severe", "seed": "7"},
        PRESETS,
    )
    assert notices == []
    assert state == AppState(audience="student", kv1=0.3, protocol="stim", preset="severe", seed=7)


def test_out_of_range_numbers_are_clamped_with_a_notice():
    state, notices = parse_query({"kv1": "5", "temperature": "-10", "step": "99"})
    assert (state.kv1, state.temperature, state.step) == (1.0, 30.0, 7)
    assert len(notices) == 3
    assert "kv1=5" in notices[0]
    assert "0–1" in notices[0]


def test_junk_values_fall_back_to_defaults_with_a_notice():
    state, notices = parse_query(
        {"kv1": "abc", "seed": "1.5", "protocol": "dance", "audience": "cat", "preset": "x"},
        PRESETS,
    )
    assert state == AppState()
    assert len(notices) == 5


def test_nan_and_infinity_are_junk():
    state, notices = parse_query({"kv1": "nan", "na_block": "inf"})
    assert state == AppState()
    assert len(notices) == 2


def test_unknown_keys_are_reported_and_streamlit_keys_ignored():
    state, notices = parse_query({"utm_source": "x", "embed": "true"})
    assert state == AppState()
    assert notices == ["The setting “utm_source” is unknown and was ignored."]


def test_repeated_key_uses_the_last_value():
    state, _ = parse_query({"kv1": ["0.2", "0.4"]})
    assert state.kv1 == 0.4


def test_defaults_are_left_out_of_the_url():
    assert to_query(AppState()) == {}
    assert to_query(AppState(kv1=0.25, audience="clinician")) == {
        "audience": "clinician",
        "kv1": "0.25",
    }


def on_grid(name: str) -> st.SearchStrategy[float]:
    """Values the widget of setting ``name`` can show."""
    setting = SETTINGS[name]
    return st.floats(setting.low, setting.high).map(setting.snap)


states = st.builds(
    AppState,
    audience=st.sampled_from(AUDIENCES),
    kv1=on_grid("kv1"),
    kv7=on_grid("kv7"),
    na_block=on_grid("na_block"),
    temperature=on_grid("temperature"),
    protocol=st.sampled_from(PROTOCOLS),
    preset=st.sampled_from((None, *PRESETS)),
    symptom=st.sampled_from((None, *SYMPTOMS)),
    seed=st.integers(0, MAX_SEED),
    step=st.integers(1, 7),
    antibody=st.none()
    | st.floats(CHAIN_ANTIBODY.low, CHAIN_ANTIBODY.high).map(CHAIN_ANTIBODY.snap),
)


@given(states)
def test_state_round_trips_through_the_url(state: AppState):
    assert parse_query(to_query(state), PRESETS, SYMPTOMS) == (state, [])


names = st.sampled_from([f.name for f in fields(AppState)] + ["junk"])
values = st.text(max_size=20) | st.floats().map(repr) | st.integers().map(str)
junk_urls = st.dictionaries(names, values | st.lists(values, min_size=1, max_size=3))


@fuzz
@given(junk_urls)
def test_any_url_parses_to_a_valid_state(params):
    state, notices = parse_query(params, PRESETS, SYMPTOMS)
    assert state.symptom in (None, *SYMPTOMS)
    assert 0 <= state.kv1 <= 1
    assert 0 <= state.kv7 <= 1
    assert 0 <= state.na_block <= 1
    assert 30 <= state.temperature <= 40
    assert state.protocol in PROTOCOLS
    assert state.audience in AUDIENCES
    assert state.preset in (None, *PRESETS)
    assert 1 <= state.step <= 7
    assert state.antibody is None or 0 <= state.antibody <= 1
    assert all(isinstance(notice, str) for notice in notices)
    # What comes out is clean: reading it again changes nothing.
    assert parse_query(to_query(state), PRESETS, SYMPTOMS) == (state, [])
