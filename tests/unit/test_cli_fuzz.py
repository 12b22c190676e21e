"""Any command line: a run within the budget, or exit 2 with one short line. Never a traceback.

The simulation itself is replaced by a stand-in that records what it was asked to run: the
fuzzer checks what reaches the model, not the model (tests/unit/test_cli.py runs it).
"""

from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer import cli
from explainer.model.limits import SETTINGS, over_budget
from tests.conftest import fuzz

CHOICES = {
    "--protocol": ["rest", "voluntary", "stim", "excitability"],
    "--site": ["ending", "whole_axon"],
    "--preset": ["healthy", "severe", "kcna1"],
    "--format": ["json", "csv"],
}
NUMBERS = [f"--{name.replace('_', '-')}" for name in cli.OPTIONS]


class Asked(Exception):
    """Raised by the stand-in simulation: parsing accepted the run."""


def _numbers(option: str) -> st.SearchStrategy[str]:
    setting = SETTINGS[
        cli.SETTING_OF.get(option[2:].replace("-", "_"), option[2:].replace("-", "_"))
    ]
    inside = st.floats(setting.low, setting.high).map(
        lambda x: str(int(x)) if setting.integer else repr(x)
    )
    return (
        inside
        | st.floats().map(repr)
        | st.integers().map(str)
        | st.sampled_from(["", "nan", "inf", "-0", "1e400", "0x10", "１", "\x1b[31m", "--units"])
    )


arguments = st.one_of(
    *[st.tuples(st.just(o), _numbers(o)) for o in NUMBERS],
    *[st.tuples(st.just(o), st.sampled_from(c) | st.text(max_size=8)) for o, c in CHOICES.items()],
    st.tuples(st.text(max_size=10)),
)
command_lines = st.lists(arguments, max_size=6).map(lambda parts: [x for p in parts for x in p])


def _pool_run(scenario):
    raise Asked(scenario, True)


def _excitability_test(scenario):
    raise Asked(scenario, False)


@fuzz
@given(command_lines)
def test_any_command_line_runs_within_budget_or_exits_2_with_one_line(argv):
    with (
        mock.patch.object(cli, "run_scenario", _pool_run),
        mock.patch.object(cli, "excitability_report", _excitability_test),
        mock.patch("sys.stderr") as stderr,
        mock.patch("sys.stdout"),
    ):
        try:
            cli.main(argv)
        except Asked as asked:
            scenario, pool_run = asked.args
            for name, setting in SETTINGS.items():
                if hasattr(scenario, name):
                    assert setting.low <= getattr(scenario, name) <= setting.high, name
            if pool_run:
                assert over_budget(scenario) is None
            return
        except SystemExit as exit_:
            written = "".join(call.args[0] for call in stderr.write.call_args_list)
            if exit_.code == 0:  # --help
                return
            assert exit_.code == 2
            message = written.splitlines()[-1]
            assert message.startswith("explainer-sim: error: ")
            assert len(message) < 300
            assert all(c.isprintable() for c in message), message
            return
    pytest.fail("the CLI returned without running or refusing")
