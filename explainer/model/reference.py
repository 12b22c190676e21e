"""The axon kernel's equations in plain NumPy: the reference for tests and benchmarks.

Same equations, noise numbers and update order as :func:`explainer.model.axon.integrate`,
vectorised over axons step by step, with the exact rate functions of
:mod:`explainer.model.channels` instead of gate tables. Slow on purpose: it is the yardstick.
"""

from __future__ import annotations

import numpy as np

from explainer.model import channels
from explainer.model.axon import (
    GATE_ROWS,
    INTERNODE,
    PARAM_NAMES,
    STATE_ROWS,
    P,
    Recording,
    Run,
    Stimulus,
    gate_every,
    initial_state,
    kernel_constants,
    sorted_recording,
)


def injected_pA(stimulus: Stimulus, n_axons: int, n_steps: int) -> np.ndarray:
    """The stimulus as a dense axons × steps array of injected current."""
    current = np.zeros((n_axons, n_steps))
    for axon in range(n_axons):
        for j in range(stimulus.pointer[axon], stimulus.pointer[axon + 1]):
            current[axon, stimulus.start_step[j] : stimulus.stop_step[j]] = stimulus.amplitude_pA[j]
    return current


def integrate_reference(
    params: np.ndarray,
    run: Run,
    stimulus: Stimulus | None = None,
    record_axons: np.ndarray | None = None,
) -> Recording:
    """The same equations in plain NumPy, vectorised over axons, with exact rate functions.

    Same noise numbers and update as :func:`integrate`, so both agree up to the gate
    tables' interpolation error. Slow: kept as the reference for tests and benchmarks.
    """
    n_axons = params.shape[0]
    stimulus = stimulus or Stimulus.none(n_axons)
    record_axons = np.zeros(0, np.int64) if record_axons is None else np.asarray(record_axons)
    e_na, e_k, e_leak, e_h, threshold, rearm, pump_half_mM, mM_per_pA_ms_um3, share_max = (
        kernel_constants()
    )
    g = {name: params[:, P[name]] for name in PARAM_NAMES}
    x = dict(zip(STATE_ROWS, initial_state(params, run.temperature_C).T.copy(), strict=True))
    normals = run.noise_normals(n_axons)
    noise_decay, noise_kick = run.noise_update()
    injected = np.zeros((n_axons, run.n_steps))
    injected[:, run.settle_steps :] = injected_pA(stimulus, n_axons, run.n_steps - run.settle_steps)
    theta = run.theta

    armed = x["armed"] > 0.0
    spike_axons: list[int] = []
    spike_times: list[float] = []
    trace = np.empty((2, record_axons.size, round(run.duration_ms / run.dt_ms) // run.record_every))
    every = dict(zip((name for name, _, _ in GATE_ROWS), gate_every(run), strict=True))
    for step in range(run.n_steps):
        for name, gate, compartment in GATE_ROWS:
            if step % every[name] != 0:
                continue
            where = "internode" if compartment == INTERNODE else "node"
            x_inf, decay, gain = channels.exponential_step(
                channels.GATES[gate], x[f"v_{where}"], run.temperature_C,
                every[name] * run.dt_ms, every[name], gate in channels.DRIFT_GATES,
            )  # fmt: skip
            x[name] = x_inf + (x[name] - x_inf) * decay + gain * x[f"dv_{where}"]
        if step % run.steps_per_noise == 0:
            x["noise"] = (
                x["noise"] * noise_decay + noise_kick * normals[:, step // run.steps_per_noise]
            )
        block = x["na_block"]
        x["na_block"] = block + run.dt_ms * (
            run.blocker.k_on_per_ms * (1 - x["h"]) * (1 - block) - run.blocker.k_off_per_ms * block
        )
        current = g["drive_pA"] + x["noise"] + injected[:, step]
        g_na = (1 - x["na_block"]) * (
            g["g_nat_nS"] * x["m"] ** 3 * x["h"] + g["g_nap_nS"] * x["p"] ** 3
        )
        na3 = x["na_mM"] ** 3
        pump_pA = g["pump_max_pA"] * na3 / (na3 + pump_half_mM**3)
        g_k = g["g_kv7_node_nS"] * x["s_node"]
        gc = g["g_coupling_nS"]
        g_node = g_na + g_k + g["g_leak_node_nS"] + gc
        drive_node = g_na * e_na + g_k * e_k + g["g_leak_node_nS"] * e_leak - pump_pA + current
        g_k = (
            g["g_kv1_juxtaparanode_nS"] * x["n_internode"] ** 4
            + g["g_kv7_internode_nS"] * x["s_internode"]
        )
        g_h = g["g_hcn_nS"] * x["q"]
        g_int = g_k + g_h + g["g_leak_internode_nS"] + gc
        drive_int = g_k * e_k + g["g_leak_internode_nS"] * e_leak + g_h * e_h
        c1, c2 = g["c_node_pF"] / run.dt_ms, g["c_internode_pF"] / run.dt_ms
        v1, v2 = x["v_node"], x["v_internode"]
        a11, a22, a12 = c1 + theta * g_node, c2 + theta * g_int, theta * gc
        b1 = (c1 - (1 - theta) * g_node) * v1 + (1 - theta) * gc * v2 + drive_node
        b2 = (c2 - (1 - theta) * g_int) * v2 + (1 - theta) * gc * v1 + drive_int
        det = a11 * a22 - a12 * a12
        v_new = (b1 * a22 + a12 * b2) / det
        v_internode = (b2 * a11 + a12 * b1) / det
        x["dv_node"], x["dv_internode"] = v_new - v1, v_internode - v2
        x["v_internode"] = v_internode
        # Na⁺ influx at the θ-weighted potential of the step: the charge the step used.
        influx_pA = g_na * (e_na - (1 - theta) * v1 - theta * v_new)
        x["na_mM"] = x["na_mM"] + run.dt_ms * mM_per_pA_ms_um3 / g["na_volume_um3"] * (
            influx_pA - 3 * pump_pA
        )
        if step < run.settle_steps:  # [Na⁺] at the pump's balance while settling
            balance = np.clip(
                influx_pA / (3 * np.maximum(g["pump_max_pA"], 1e-30)), 1e-9, share_max
            )
            settled = pump_half_mM * (balance / (1 - balance)) ** (1 / 3)
            x["na_mM"] = np.where(g["pump_max_pA"] > 0, settled, x["na_mM"])
        crossed = armed & (v_new >= threshold)
        if step >= run.settle_steps:
            for axon in np.flatnonzero(crossed):
                fraction = (threshold - v1[axon]) / (v_new[axon] - v1[axon])
                spike_axons.append(axon)
                spike_times.append((step - run.settle_steps + fraction) * run.dt_ms)
        armed = np.where(crossed, False, armed | (v_new < rearm))
        x["v_node"] = v_new
        sample, rest = divmod(step - run.settle_steps, run.record_every)
        if 0 <= sample < trace.shape[2] and rest == 0:
            trace[0, :, sample] = v_new[record_axons]
            trace[1, :, sample] = x["v_internode"][record_axons]
    return sorted_recording(np.array(spike_axons, int), np.array(spike_times), trace, run)
