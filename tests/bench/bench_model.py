"""Benchmark of the axon kernel: ratios against the NumPy reference (and peers) in one run.

    python -m tests.bench.bench_model                  # short: a tenth of the standard work
    python -m tests.bench.bench_model --full           # the standard scenario, 100 axons × 2 s
    python -m tests.bench.bench_model --full --peers   # + Brian2 and NEURON (make bench)

Standard scenario (issue "Nerve and muscle model"): 100 axons × 2 s at dt 25 µs, i.e. 8 M
neuron-steps, with the pool's heterogeneous drive and Kv1 at 30 % so the axons fire. Machines
here are noisy, so what counts is the ratio of times measured in the same run. Prints a
human-readable report, then one JSON line with every number.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from statistics import median

import numba
import numpy as np

from explainer.model import axon, channels, disease, reference
from explainer.model.pool import PoolParams, unit_drives

ROOT = Path(__file__).resolve().parents[2]
PEERS = {
    "brian2": (ROOT / ".venv-brian2" / "bin" / "python", ROOT / "tests/bench/peers/brian2_axon.py"),
    "neuron": (ROOT / ".venv-neuron" / "bin" / "python", ROOT / "tests/bench/peers/neuron_axon.py"),
}
KV1_REMAINING = 0.3
REF_HH = ROOT.parent / "shared" / "tools" / "ref_hh.py"
"""The team's plain NumPy Hodgkin–Huxley pool (4 states, 3 currents): the issue's yardstick."""


def standard_rows(n_axons: int) -> np.ndarray:
    pool = PoolParams()
    rows = np.tile(pool.axon_params.as_row(), (n_axons, 1))
    rows[:, axon.P["drive_pA"]] = unit_drives(n_axons, pool, np.random.default_rng(1))
    return disease.apply_channel_fractions(rows, KV1_REMAINING, 1.0)


def standard_run(duration_ms: float) -> axon.Run:
    return axon.Run(duration_ms=duration_ms, settle_ms=0.0, noise=PoolParams().noise)


def best_of(repeats: int, call) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return median(times), result


def first_call_in_new_process() -> float:
    """Import plus first simulation in a fresh interpreter, with the on-disk numba cache."""
    code = (
        "import time; t = time.perf_counter();"
        "from explainer.model.simulation import run_scenario;"
        "from explainer.model.pool import Scenario;"
        "run_scenario(Scenario(units=100, duration_s=0.1));"
        "print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def ref_hh_ns_per_neuron_step(n_axons: int, steps: int) -> float | None:
    """Cost of ``ref_hh.py`` per neuron-step, as it measures itself (after a warm-up)."""
    if not REF_HH.exists():
        return None
    spec = importlib.util.spec_from_file_location("ref_hh", REF_HH)
    ref_hh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref_hh)
    ref_hh.simulate(n_axons, 200)
    seconds, _ = best_of(3, partial(ref_hh.simulate, n_axons, steps))
    return 1e9 * seconds / (n_axons * steps)


def scaling_table(durations_ms: tuple[float, ...], axon_counts: tuple[int, ...]) -> list[dict]:
    rows = []
    for n_axons in axon_counts:
        for duration_ms in durations_ms:
            work = partial(axon.integrate, standard_rows(n_axons), standard_run(duration_ms))
            seconds, _ = best_of(3, work)
            steps = n_axons * duration_ms / 0.025
            rows.append(
                {"axons": n_axons, "duration_ms": duration_ms, "seconds": seconds,
                 "ns_per_neuron_step": 1e9 * seconds / steps}
            )  # fmt: skip
    return rows


def run_peer(name: str, rows: np.ndarray, duration_ms: float) -> dict:
    python, script = PEERS[name]
    if not python.exists():
        return {"simulator": name, "skipped": f"{python} missing (make bench creates it)"}
    run = standard_run(duration_ms)
    job = {
        "param_names": list(axon.PARAM_NAMES),
        "params": rows.tolist(),
        "temperature_C": run.temperature_C,
        "dt_ms": run.dt_ms,
        "duration_ms": duration_ms,
        "noise_sd_pA": run.noise.sd_pA,
        "noise_tau_ms": run.noise.tau_ms,
        "seed": run.seed,
        "reversal_mV": {"na": channels.E_NA_MV, "k": channels.E_K_MV,
                        "leak": channels.E_LEAK_MV, "h": channels.E_HCN_MV},
        "spike_threshold_mV": axon.SPIKE_THRESHOLD_MV,
    }  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(job, file)
    done = subprocess.run(
        [str(python), str(script), "--job", file.name], capture_output=True, text=True, check=False
    )
    Path(file.name).unlink()
    if done.returncode != 0:
        return {"simulator": name, "failed": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the standard 100 axons × 2 s")
    parser.add_argument("--peers", action="store_true", help="also time Brian2 and NEURON")
    args = parser.parse_args(argv)
    n_axons, duration_ms = (100, 2000.0) if args.full else (100, 200.0)
    rows = standard_rows(n_axons)
    run = standard_run(duration_ms)
    axon.integrate(rows[:2], replace(run, duration_ms=1.0))  # load the compiled kernel
    kernel_s, fast = best_of(5, lambda: axon.integrate(rows, run))
    threads = numba.get_num_threads()
    numba.set_num_threads(1)  # ref_hh.py runs on one core: this is the like-for-like cost
    one_thread_s, _ = best_of(5, lambda: axon.integrate(rows, run))
    numba.set_num_threads(threads)
    reference_s, slow = best_of(1, lambda: reference.integrate_reference(rows, run))
    report = {
        "mode": "full" if args.full else "short",
        "axons": n_axons,
        "duration_ms": duration_ms,
        "neuron_steps": int(n_axons * duration_ms / run.dt_ms),
        "kernel_s": kernel_s,
        "numpy_reference_s": reference_s,
        "speedup_vs_numpy": reference_s / kernel_s,
        "kernel_ns_per_neuron_step": 1e9 * kernel_s / (n_axons * duration_ms / run.dt_ms),
        "kernel_threads": threads,
        "kernel_one_thread_ns_per_neuron_step": (
            1e9 * one_thread_s / (n_axons * duration_ms / run.dt_ms)
        ),
        "ref_hh_ns_per_neuron_step": ref_hh_ns_per_neuron_step(n_axons, 8000),
        "spikes": {
            "kernel": int(fast.spike_axon.size),
            "numpy_reference": int(slow.spike_axon.size),
        },
        "first_call_new_process_s": first_call_in_new_process(),
        "scaling": scaling_table(
            (500.0, 1000.0, 2000.0) if args.full else (50.0, 100.0), (25, 50, 100, 200)
        ),
        "peers": [run_peer(name, rows, duration_ms) for name in PEERS] if args.peers else [],
    }
    for peer in report["peers"]:
        if "run_s" in peer:
            peer["kernel_speedup"] = peer["run_s"] / kernel_s
    print(f"{report['mode']}: {n_axons} axons × {duration_ms / 1000:g} s, dt 25 µs "
          f"({report['neuron_steps'] / 1e6:.1f} M neuron-steps), Kv1 {KV1_REMAINING:.0%}")  # fmt: skip
    print(f"  numba kernel      {kernel_s * 1000:8.1f} ms  ({fast.spike_axon.size} spikes)")
    print(f"  NumPy reference   {reference_s * 1000:8.1f} ms  ({slow.spike_axon.size} spikes)")
    print(f"  ratio             {report['speedup_vs_numpy']:8.1f} ×  (goal ≥ 80 ×)")
    if report["ref_hh_ns_per_neuron_step"] is None:
        print(f"  ref_hh.py not found at {REF_HH}")
    else:
        report["speedup_vs_ref_hh"] = (
            report["ref_hh_ns_per_neuron_step"] / report["kernel_ns_per_neuron_step"]
        )
        report["speedup_vs_ref_hh_one_thread"] = (
            report["ref_hh_ns_per_neuron_step"] / report["kernel_one_thread_ns_per_neuron_step"]
        )
        print(f"  ref_hh.py         {report['ref_hh_ns_per_neuron_step']:8.1f} ns/neuron-step, "
              f"kernel {report['kernel_ns_per_neuron_step']:.1f} ({threads} threads): "
              f"{report['speedup_vs_ref_hh']:.1f} ×  (goal ≥ 80 ×); one thread "
              f"{report['kernel_one_thread_ns_per_neuron_step']:.1f}: "
              f"{report['speedup_vs_ref_hh_one_thread']:.1f} ×")  # fmt: skip
    print(f"  first call, new process (import + 100 axons × 0.1 s): "
          f"{report['first_call_new_process_s']:.2f} s  (goal ≤ 2 s)")  # fmt: skip
    print("  scaling (ns per neuron-step should stay flat):")
    for row in report["scaling"]:
        print(f"    {row['axons']:4d} axons × {row['duration_ms'] / 1000:4.2f} s: "
              f"{row['seconds'] * 1000:7.1f} ms  {row['ns_per_neuron_step']:5.1f} ns/step")  # fmt: skip
    for peer in report["peers"]:
        if "run_s" in peer:
            print(f"  {peer['simulator']:8s} {peer['run_s'] * 1000:9.1f} ms  "
                  f"({peer.get('spikes')} spikes): kernel is {peer['kernel_speedup']:.1f} × faster")  # fmt: skip
        else:
            print(f"  {peer['simulator']:8s} not run: {peer.get('skipped') or peer.get('failed')}")
    print(json.dumps(report))
    return report


if __name__ == "__main__":
    main()
