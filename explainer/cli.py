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
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NoReturn

from explainer.content import ContentError
from explainer.model.excitability import excitability_report
from explainer.model.pool import PROTOCOLS, SITES, Scenario
from explainer.model.scenarios import preset_scenario, preset_settings
from explainer.model.simulation import as_json, run_scenario, spikes_csv

EXCITABILITY = "excitability"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"explainer-sim: error: {message}\n")


def _bounded(kind: type, low: float, high: float) -> Callable[[str], float]:
    noun = "a whole number" if kind is int else "a number"

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not {noun} from {low} to {high}")
        return value

    return parse


OPTIONS: dict[str, tuple[Callable[[str], object], str]] = {
    "kv1": (_bounded(float, 0.0, 1.0), "fraction of Kv1 conductance that remains (1 healthy)"),
    "kv7": (_bounded(float, 0.0, 1.0), "fraction of Kv7 (slow K) conductance that remains"),
    "na_block": (_bounded(float, 0.0, 1.0), "Na-channel blocker dose, 0–1"),
    "temperature": (_bounded(float, 30.0, 40.0), "temperature in °C"),
    "units": (_bounded(int, 1, 1000), "number of motor units"),
    "duration": (_bounded(float, 0.01, 60.0), "simulated time in s"),
    "seed": (_bounded(int, 0, 2**31 - 1), "random seed"),
    "dt_ms": (
        _bounded(float, 0.0025, 0.05),
        "time step in ms (down to 0.0025 to check convergence)",
    ),
}


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="explainer-sim", description=__doc__.splitlines()[0])
    for name, (kind, help_text) in OPTIONS.items():
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, type=kind, help=help_text)
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
    given["duration_s"] = given.pop("duration")
    return replace(scenario, **{k: v for k, v in given.items() if v is not None})


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = _parser()
    except ContentError as error:  # a broken data/presets.yaml: say where, no traceback
        print(f"explainer-sim: error: {error}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if args.protocol == EXCITABILITY:
        if args.format == "csv":
            parser.error("--format csv writes spike trains; the excitability test is JSON only")
        report = excitability_report(scenario_from_args(args))
        report["params"].update(protocol=EXCITABILITY, preset=args.preset)
        json.dump(report, sys.stdout)
        sys.stdout.write("\n")
        return 0
    result = run_scenario(scenario_from_args(args))
    if args.format == "csv":
        sys.stdout.write(spikes_csv(result))
    else:
        json.dump(as_json(result, args.preset), sys.stdout)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
