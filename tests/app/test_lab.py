"""The Nerve lab through AppTest: every control changes the URL state and the output."""

import json

import pytest

from explainer.content import load_content
from explainer.diagrams import lab as figures
from explainer.ui import updating_chart

CONTENT = load_content()
LABELS = CONTENT.lab.labels


def metric(app, label: str) -> float:
    value = next(m.value for m in app.metric if m.label == getattr(LABELS, label))
    return float(value.split()[0])


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


def views(app) -> list:
    """The lab's views: charts that update in place (explainer/ui/updating_chart.py)."""
    return [c for c in app.get("bidi_component") if c.proto.component_name == updating_chart.NAME]


def views_figure(app) -> dict:
    """The figure the views chart draws, as plotly.js receives it."""
    (chart,) = views(app)
    return json.loads(json.loads(chart.proto.json)["figure"])


def test_lowering_kv1_raises_the_reported_spontaneous_rate(open_app):
    app = open_app("lab", audience="student")
    assert not app.exception
    assert metric(app, "rate") == 0.0
    app.slider(key="lab_kv1").set_value(30).run()
    assert not app.exception
    assert app.query_params["kv1"] == "0.3"
    assert metric(app, "rate") > 1.0
    assert metric(app, "active") > 0


@pytest.mark.parametrize(
    ("key", "value", "param", "expected"),
    [
        ("lab_na_block", 0.3, "na_block", "0.3"),
        ("lab_kv7", 40, "kv7", "0.4"),
        ("lab_temperature", 33.5, "temperature", "33.5"),
    ],
)
def test_each_slider_writes_the_url_and_changes_the_run(open_app, key, value, param, expected):
    app = open_app("lab", audience="clinician", kv1="0.4")
    before = captions(app)
    app.slider(key=key).set_value(value).run()
    assert not app.exception
    assert app.query_params[param] == expected
    assert captions(app) != before


def test_protocol_and_seed_change_the_run(open_app):
    app = open_app("lab", audience="student", kv1="0.3")
    before = captions(app)
    app.radio(key="lab_protocol").set_value("stim").run()
    assert app.query_params["protocol"] == "stim"
    after_protocol = captions(app)
    assert after_protocol != before
    app.number_input(key="lab_seed").set_value(7).run()
    assert app.query_params["seed"] == "7"
    assert captions(app) != after_protocol
    assert not app.exception


def test_preset_sets_the_model_inputs_and_a_slider_leaves_it(open_app):
    app = open_app("lab", audience="patient")
    app.selectbox(key="lab_preset").set_value("carbamazepine").run()
    assert app.query_params["preset"] == "carbamazepine"
    assert app.query_params["kv1"] == "0.5" and app.query_params["na_block"] == "0.1"
    assert app.slider(key="lab_kv1").value == 50
    app.slider(key="lab_kv1").set_value(40).run()
    assert "preset" not in app.query_params
    assert not app.exception


def test_reset_returns_to_healthy(open_app):
    app = open_app("lab", kv1="0.2", na_block="0.4", protocol="stim")
    app.button[0].click().run()
    assert app.slider(key="lab_kv1").value == 100
    assert not any(key in app.query_params for key in ("kv1", "na_block", "protocol"))
    assert metric(app, "rate") == 0.0


def test_url_state_round_trips_into_the_controls(open_app):
    query = {"audience": "student", "kv1": "0.35", "na_block": "0.15", "temperature": "35.5",
             "protocol": "voluntary", "seed": "4"}  # fmt: skip
    app = open_app("lab", **query)
    assert not app.exception
    assert app.slider(key="lab_kv1").value == 35
    assert app.slider(key="lab_na_block").value == pytest.approx(0.15)
    assert app.slider(key="lab_temperature").value == 35.5
    assert app.radio(key="lab_protocol").value == "voluntary"
    assert app.number_input(key="lab_seed").value == 4
    assert {key: app.query_params[key] for key in query} == query


def test_junk_url_values_are_clamped_with_a_notice(open_app):
    app = open_app("lab", kv1="5", temperature="hot")
    assert not app.exception
    notices = " ".join(element.value for element in app.info)
    assert "kv1=5" in notices and "temperature=hot" in notices
    assert app.slider(key="lab_kv1").value == 100


def test_patients_see_the_essential_controls_only(open_app):
    patient = open_app("lab", audience="patient")
    student = open_app("lab", audience="student")
    assert {s.key for s in patient.slider} == {"lab_kv1", "lab_na_block"}
    assert {"lab_kv7", "lab_temperature"} <= {s.key for s in student.slider}


def test_charts_sound_and_downloads_are_there(open_app):
    app = open_app("lab", audience="clinician", preset="severe")
    assert len(views(app)) == 1  # one figure, one time axis, every view a row
    assert len(app.get("download_button")) == 3
    assert not app.get("audio")  # sound is made only for a reader who asks to listen
    app.toggle(key="lab_listen").set_value(True).run()
    assert len(app.get("audio")) == 2
    # Every chart has its one-sentence summary below it.
    for chart in ("membrane", "raster", "emg", "force"):
        first_words = CONTENT.lab.charts[chart].summary.clinician.split()[0]
        assert first_words in captions(app)


def test_readout_follows_the_numbers(open_app):
    healthy = open_app("lab", audience="patient")
    severe = open_app("lab", audience="patient", preset="severe")
    healthy_text = " ".join(m.value for m in healthy.markdown)
    severe_text = " ".join(m.value for m in severe.markdown)
    assert CONTENT.lab.calm.patient.split(".")[0] in healthy_text
    cramps = next(f for f in CONTENT.lab.feelings if f.id == "cramps")
    assert cramps.text.patient.split(".")[0] in severe_text
    assert cramps.text.patient.split(".")[0] not in healthy_text


def test_patients_read_plain_axis_titles_and_others_the_technical_ones(open_app):
    def axis_titles(app) -> set[str]:
        layout = views_figure(app)["layout"]
        return {layout[n]["title"]["text"] for n in layout if n.startswith("yaxis")}

    patient, student = (
        open_app("lab", audience=a, preset="severe") for a in ("patient", "student")
    )
    assert {LABELS.raster_axis.patient, LABELS.force_axis.patient} <= axis_titles(patient)
    assert "% MVC" not in axis_titles(patient)
    assert {LABELS.raster_axis.student, LABELS.force_axis.student} <= axis_titles(student)


def test_a_pool_held_depolarised_is_named_as_a_limit_of_the_model_not_as_calm(open_app):
    # With no Kv1 left the model's endings rest depolarised and fall silent: the readout must
    # not read that quiet as a healthy nerve.
    block = next(f for f in CONTENT.lab.feelings if f.id == "depolarisation_block")
    words = {}
    for kv1 in ("0", "0.1"):
        app = open_app("lab", audience="patient", kv1=kv1)
        words[kv1] = " ".join(m.value for m in app.markdown)
    assert block.text.patient.split(".")[0] in words["0"]
    assert CONTENT.lab.calm.patient.split(".")[0] not in words["0"]
    assert block.text.patient.split(".")[0] not in words["0.1"]


@pytest.mark.slow  # one run per dose
def test_dose_response_runs_on_demand(open_app):
    app = open_app("lab", audience="student")
    app.button(key="lab_dose_response").click().run()
    assert not app.exception
    assert len(views(app)) == 1  # the views, then the dose–response
    assert len(app.get("plotly_chart")) == 1


def test_the_healthy_lab_draws_quiet_on_fixed_scales(open_app):
    app = open_app("lab", audience="patient")
    layout = views_figure(app)["layout"]
    ranges = [layout[name]["range"] for name in sorted(layout) if name.startswith("yaxis")]
    membrane, emg = ranges[0], ranges[2]
    assert membrane == list(figures.MEMBRANE_RANGE_MV)
    assert emg == [-figures.EMG_FLOOR_MV, figures.EMG_FLOOR_MV]


def test_the_views_stay_one_chart_updated_in_place(open_app):
    app = open_app("lab", audience="student")
    (before,) = views(app)
    app.slider(key="lab_kv1").set_value(30).run()
    (after,) = views(app)
    # The same element (key "lab_views"), so the browser updates its chart instead of
    # mounting a new one; with what st.plotly_chart gave it.
    assert after.proto.id == before.proto.id
    data = json.loads(after.proto.json)
    assert data["alt"].startswith(CONTENT.lab.charts["membrane"].summary.student.split()[0])
    assert "30 %" in data["alt"]
    assert data["config"]["toImageButtonOptions"]["format"] == "png"
    layout = json.loads(data["figure"])["layout"]
    assert layout["template"] == updating_chart.theme()
    assert layout["title"]["text"].startswith("<b>")
