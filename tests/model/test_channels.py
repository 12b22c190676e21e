"""Rate functions against values worked out by hand from the equations of the sources."""

import numpy as np
import pytest

from explainer.model import channels


def test_q10_factors_at_body_temperature():
    # node_motor.mod: 2.2 and 2.9 from 20 °C, 3.0 from 36 °C.
    assert channels.q10_na_activation(37.0) == pytest.approx(2.2**1.7)
    assert channels.q10_na_inactivation(37.0) == pytest.approx(2.9**1.7)
    assert channels.q10_potassium(36.0) == 1.0


@pytest.mark.parametrize(
    ("gate", "v_mV", "temperature_C", "alpha", "beta"),
    [
        # α_m at its removable singularity V = −20.4 mV: A·k = 1.86·10.3 (20 °C, q = 1).
        ("nat_m", -20.4, 20.0, 1.86 * 10.3, None),
        # β_h = 2.3/(1 + e⁰) at V = −31.8 mV.
        ("nat_h", -31.8, 20.0, None, 1.15),
        # Kv1 α_n at V = −93.2 mV: 0.0462·1.1 (36 °C, q = 1).
        ("kv1_n", -93.2, 36.0, 0.0462 * 1.1, None),
        # Kv7 α_s at its midpoint −53 mV: 0.3/2.
        ("kv7_s", -53.0, 36.0, 0.15, None),
        # HCN α = β at V½ = −107.3 mV.
        ("hcn_q", -107.3, 36.0, 0.00522, 0.00522),
    ],
)
def test_rates_match_the_source_equations(gate, v_mV, temperature_C, alpha, beta):
    a, b = channels.GATES[gate](np.array([v_mV]), temperature_C)
    if alpha is not None:
        assert a[0] == pytest.approx(alpha, rel=1e-6)
    if beta is not None:
        assert b[0] == pytest.approx(beta, rel=1e-6)


@pytest.mark.parametrize("gate", list(channels.GATES))
def test_rates_are_smooth_through_their_singularities(gate):
    v_mV = np.linspace(-140.0, 60.0, 20001)
    alpha, beta = channels.GATES[gate](v_mV, 37.0)
    assert np.all(np.isfinite(alpha)) and np.all(np.isfinite(beta))
    assert np.all(alpha > 0) and np.all(beta > 0)
    # 0.01 mV apart, no rate jumps by more than 2 % (a mishandled 0/0 would; the steepest
    # smooth rate, Kv7 β with its 1 mV slope factor, changes by 1 %).
    for rate in (alpha, beta):
        assert np.max(np.abs(np.diff(np.log(rate)))) < 0.02


def test_kv1_is_partly_open_at_rest_as_unshifted_human_fast_k():
    # MODEL-NOTES §1.4: the unshifted Schwarz 1995 curve gives n∞(−84) ≈ 0.26; Gaines' curve,
    # 10 mV to the right, has n∞(−70) ≈ 0.37, so the unshifted one has it at −80 mV.
    n_inf, _ = channels.steady_state_and_tau(channels.kv1_n, np.array([-84.0, -80.0]), 37.0)
    assert n_inf == pytest.approx([0.26, 0.37], abs=0.01)


def test_tables_interpolate_the_exact_functions_closely():
    table = channels.gate_tables(37.0, 0.025)
    v_mV = np.random.default_rng(0).uniform(-120.0, 50.0, 2000)
    position = (v_mV - table.v_min_mV) / table.dv_mV
    row = position.astype(int)
    fraction = position - row
    for k, rates in enumerate(channels.GATES.values()):
        x_inf, tau_ms = channels.steady_state_and_tau(rates, v_mV, 37.0)
        first = channels.COLUMNS_PER_GATE * k
        for column, exact in ((first, x_inf), (first + 2, np.exp(-0.025 / tau_ms))):
            value, slope = table.values[row, column], table.values[row, column + 1]
            interpolated = value + fraction * slope
            # 0.01 mV grid: linear interpolation error is far below anything that matters.
            assert np.max(np.abs(interpolated - exact)) < 1e-4


@pytest.mark.parametrize("v_mV", [-60.0, -45.0, -30.0])
def test_gate_step_keeps_up_with_a_rising_potential(v_mV):
    # Na activation on an upstroke (200 mV/ms) over one 25-µs step centred on v_mV, against a
    # 1000 times finer integration: the drift term takes away ≈ 3/4 of the plain step's lag
    # (the rest: τ and the curvature of x∞ also change over the step).
    step_ms, rise_mV_per_ms, start = 0.025, 200.0, 0.05
    fine_ms = step_ms / 1000.0
    exact = start
    for t_ms in (np.arange(1000) + 0.5) * fine_ms - step_ms / 2:
        x_inf, tau_ms = channels.steady_state_and_tau(
            channels.nat_m, v_mV + rise_mV_per_ms * t_ms, 37.0
        )
        exact = x_inf + (exact - x_inf) * np.exp(-fine_ms / tau_ms)
    x_inf, decay, gain = channels.exponential_step(channels.nat_m, v_mV, 37.0, step_ms)
    plain = x_inf + (start - x_inf) * decay
    drifting = plain + gain * rise_mV_per_ms * step_ms
    assert abs(drifting - exact) < 0.3 * abs(plain - exact)
