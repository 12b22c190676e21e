"""`explainer-sim`: run one scenario of the nerve model headless and print JSON or CSV.

    explainer-sim --kv1 0.3 --units 100 --duration 2.0 --seed 1 --protocol stim
    explainer-sim --preset severe --format csv
    explainer-sim --protocol excitability --preset kcna1

A preset sets the model inputs first; options given on the command line override it.
Bad input ends with exit code 2 and one line naming the option and its allowed range.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NoReturn

from explainer.content import ContentError
from explainer.model.excitability import excitability_report
from explainer.model.limits import SETTINGS, over_budget
from explainer.model.pool import PROTOCOLS, SITES, Scenario
from explainer.model.scenarios import preset_scenario, preset_settings
from explainer.model.simulation import as_json, run_scenario, spikes_csv

EXCITABILITY = "excitability"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # What the user typed is echoed: escape control characters so the line stays one line.
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
        self.exit(2, f"explainer-sim: error: {shown}\n")


def _bounded(name: str) -> Callable[[str], float]:
    setting = SETTINGS[name]
    kind, noun = (int, "a whole number") if setting.integer else (float, "a number")
    low, high = setting.low, setting.high

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not {noun} from {low} to {high}")
        return value

    return parse


OPTIONS: dict[str, str] = {
    "kv1": "fraction of Kv1 conductance that remains (1 healthy)",
    "kv7": "fraction of Kv7 (slow K) conductance that remains",
    "na_block": "Na-channel blocker level, 0–1 (a model setting, not a dose)",
    "temperature": "temperature in °C",
    "units": "number of motor units",
    "duration": "simulated time in s",
    "seed": "random seed",
    "dt_ms": "time step in ms (down to 0.0025 to check convergence)",
}
"""Help text of each numeric option; ranges come from :data:`limits.SETTINGS`."""
SETTING_OF = {"duration": "duration_s"}
"""Options whose Scenario field (and SETTINGS entry) has another name."""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="explainer-sim", description=__doc__.splitlines()[0])
    for name, help_text in OPTIONS.items():
        parser.add_argument(
            f"--{name.replace('_', '-')}", dest=name,
            type=_bounded(SETTING_OF.get(name, name)), help=help_text,
        )  # fmt: skip
    parser.add_argument(
        "--protocol", choices=(*PROTOCOLS, EXCITABILITY),
        help="what drives the axons; 'excitability' runs a virtual nerve-excitability test "
        "of the trunk node instead",
    )  # fmt: skip
    parser.add_argument(
        "--site", choices=SITES, help="where Kv1/Kv7 are lost: the endings or the whole axon"
    )
    parser.add_argument("--preset", choices=sorted(preset_settings()), help="a named scenario")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    return parser


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    scenario = preset_scenario(args.preset) if args.preset else Scenario()
    given = {name: getattr(args, name) for name in (*OPTIONS, "protocol", "site")}
    if given["protocol"] == EXCITABILITY:
        given["protocol"] = None
    for option, field in SETTING_OF.items():
        given[field] = given.pop(option)
    return replace(scenario, **{k: v for k, v in given.items() if v is not None})


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = _parser()
    except ContentError as error:  # a broken explainer/data/presets.yaml: say where, no traceback
        print(f"explainer-sim: error: {error}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if args.protocol == EXCITABILITY:
        if args.format == "csv":
            parser.error("--format csv writes spike trains; the excitability test is JSON only")
        report = excitability_report(scenario_from_args(args))
        report["params"].update(protocol=EXCITABILITY, preset=args.preset)
        return _output(json.dumps(report) + "\n")
    scenario = scenario_from_args(args)
    refusal = over_budget(scenario)
    if refusal:
        parser.error(refusal)
    result = run_scenario(scenario)
    if args.format == "csv":
        return _output(spikes_csv(result))
    return _output(json.dumps(as_json(result, args.preset)) + "\n")


def _output(text: str) -> int:
    """Write the answer; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
