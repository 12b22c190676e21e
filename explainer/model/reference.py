"""The axon kernel's equations in plain NumPy: the reference for tests and benchmarks.

Same equations, noise numbers and update order as :func:`explainer.model.axon.integrate`,
vectorised over axons step by step, with the exact rate functions of
:mod:`explainer.model.channels` instead of gate tables. Slow on purpose: it is the yardstick.
"""

from __future__ import annotations

import numpy as np

from explainer.model import channels
from explainer.model.axon import (
    PARAM_NAMES,
    P,
    Recording,
    Run,
    Stimulus,
    initial_state,
    kernel_constants,
    sorted_recording,
)


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
    e_na, e_k, e_leak, e_h, threshold, rearm = kernel_constants()
    g = {name: params[:, P[name]] for name in PARAM_NAMES}
    state = initial_state(params, run.temperature_C).T.copy()
    v_node, v_int, m, h, p, n_node, s_node, n_int, s_int, q, i_noise, block = state
    normals = run.noise_normals(n_axons)
    noise_decay, noise_kick = run.noise_update()
    pulse_on = np.zeros((n_axons, run.n_steps), dtype=bool)
    for axon in range(n_axons):
        starts = stimulus.start_step[stimulus.pointer[axon] : stimulus.pointer[axon + 1]]
        for start in starts + run.settle_steps:
            pulse_on[axon, start : start + stimulus.width_steps] = True

    def relax(x: np.ndarray, name: str, v: np.ndarray) -> np.ndarray:
        x_inf, tau_ms = channels.steady_state_and_tau(channels.GATES[name], v, run.temperature_C)
        return x_inf + (x - x_inf) * np.exp(-run.dt_ms / tau_ms)

    armed = np.ones(n_axons, dtype=bool)
    spike_axons: list[int] = []
    spike_times: list[float] = []
    trace = np.empty((2, record_axons.size, round(run.duration_ms / run.dt_ms) // run.record_every))
    for step in range(run.n_steps):
        m, h, p = relax(m, "nat_m", v_node), relax(h, "nat_h", v_node), relax(p, "nap_p", v_node)
        n_node, s_node = relax(n_node, "kv1_n", v_node), relax(s_node, "kv7_s", v_node)
        n_int, s_int, q = (
            relax(n_int, "kv1_n", v_int),
            relax(s_int, "kv7_s", v_int),
            relax(q, "hcn_q", v_int),
        )
        if step % run.steps_per_noise == 0:
            i_noise = i_noise * noise_decay + noise_kick * normals[:, step // run.steps_per_noise]
        block = block + run.dt_ms * (
            run.blocker.k_on_per_ms * (1 - h) * (1 - block) - run.blocker.k_off_per_ms * block
        )
        current = g["drive_pA"] + i_noise + pulse_on[:, step] * stimulus.amplitude_pA
        g_na = (1 - block) * (g["g_nat_nS"] * m**3 * h + g["g_nap_nS"] * p**3)
        g_k = g["g_kv7_node_nS"] * s_node + g["g_kv1_node_nS"] * n_node**4
        g_node = g_na + g_k + g["g_leak_node_nS"]
        drive_node = g_na * e_na + g_k * e_k + g["g_leak_node_nS"] * e_leak + current
        g_k = g["g_kv1_internode_nS"] * n_int**4 + g["g_kv7_internode_nS"] * s_int
        g_h = g["g_hcn_nS"] * q
        drive_int = g_k * e_k + g["g_leak_internode_nS"] * e_leak + g_h * e_h
        c1, c2 = g["c_node_pF"] / run.dt_ms, g["c_internode_pF"] / run.dt_ms
        gc = g["g_coupling_nS"]
        a11 = c1 + g_node + gc
        a22 = c2 + g_k + g_h + g["g_leak_internode_nS"] + gc
        b1, b2 = c1 * v_node + drive_node, c2 * v_int + drive_int
        det = a11 * a22 - gc * gc
        v_new = (b1 * a22 + gc * b2) / det
        v_int = (b2 * a11 + gc * b1) / det
        crossed = armed & (v_new >= threshold)
        if step >= run.settle_steps:
            for axon in np.flatnonzero(crossed):
                fraction = (threshold - v_node[axon]) / (v_new[axon] - v_node[axon])
                spike_axons.append(axon)
                spike_times.append((step - run.settle_steps + fraction) * run.dt_ms)
        armed = np.where(crossed, False, armed | (v_new < rearm))
        v_node = v_new
        sample, rest = divmod(step - run.settle_steps, run.record_every)
        if 0 <= sample < trace.shape[2] and rest == 0:
            trace[0, :, sample] = v_node[record_axons]
            trace[1, :, sample] = v_int[record_axons]
    return sorted_recording(np.array(spike_axons, int), np.array(spike_times), trace, run)
