"""The shared run cache and the runs computed ahead: bounded, superseded, never for the gone."""

import time
from dataclasses import replace

import numpy as np

from explainer.model.pool import Scenario
from explainer.ui import runs

TINY = Scenario(kv1=0.5, units=2, duration_s=0.05)


def tiny(kv1: float) -> Scenario:
    return replace(TINY, kv1=kv1)


def wait_until(condition, timeout_s: float = 60.0) -> None:
    """Poll `condition` (the ahead worker has no completion event to wait on)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the ahead worker never got there"
        time.sleep(0.01)


def test_a_run_is_computed_once_and_handed_out_as_is():
    assert runs.simulate(TINY) is runs.simulate(TINY)
    this_emg, healthy_emg = runs.emg_pair(TINY)
    assert (this_emg, healthy_emg) == (runs.emg_of(TINY), runs.emg_of(runs.healthy_of(TINY)))
    this, calm = runs.sounds(TINY)
    assert this[:4] == calm[:4] == b"RIFF"


def test_a_resting_healthy_muscle_sounds_quiet():
    # Its noise is not scaled up to full volume: the sound keeps the EMG chart's scale.
    healthy, _ = runs.sounds(replace(TINY, kv1=1.0, duration_s=0.5))
    samples = np.frombuffer(healthy[44:], "<i2") / 32768.0  # after the 44-byte WAV header
    assert np.sqrt(np.mean(samples**2)) < 0.02


class Paused:
    """Hold the ahead worker as a visible run in progress would."""

    def __enter__(self):
        with runs._cache._lock:
            runs._cache._visible.start()

    def __exit__(self, *_):
        with runs._cache._lock:
            runs._cache._visible.stop()


def test_ahead_computes_the_newest_request_of_live_sessions_only():
    older, newer, gone, live = tiny(0.41), tiny(0.42), tiny(0.43), tiny(0.44)
    with Paused():
        runs.look_ahead("reader", [older], alive=lambda: True)
        runs.look_ahead("reader", [newer], alive=lambda: True)  # the next press supersedes
        runs.look_ahead("left", [gone], alive=lambda: False)
        runs.look_ahead("other", [live], alive=lambda: True)
        time.sleep(0.2)  # the worker had every chance to start while paused, and must not
        assert not any(runs._ready(s) for s in (older, newer, gone, live))
    wait_until(lambda: runs._ready(live))  # FIFO: everything queued before it was decided
    assert runs._ready(newer)
    assert not runs._ready(older) and not runs._ready(gone)


def test_the_ahead_queue_keeps_only_the_newest_few():
    asked = [tiny(0.30 - 0.01 * i) for i in range(runs.AHEAD_QUEUE + 2)]
    with Paused():
        for number, scenario in enumerate(asked):
            runs.look_ahead(f"session {number}", [scenario], alive=lambda: True)
    wait_until(lambda: runs._ready(asked[-1]))
    assert [runs._ready(s) for s in asked] == [False] * 2 + [True] * runs.AHEAD_QUEUE


def test_sessions_that_come_and_go_leave_no_tokens_behind():
    with Paused():
        for number in range(200):
            runs.look_ahead(f"passer-by {number}", [tiny(0.6)], alive=lambda: False)
        assert len(runs._ahead._latest) <= runs.AHEAD_QUEUE + 1


def test_the_neighbours_are_one_step_either_side_onward_first_and_stay_in_range():
    from explainer.state import AppState
    from explainer.ui.lab_controls import neighbours

    middle = AppState(kv1=0.5)
    assert [s.kv1 for s in neighbours(middle, ("kv1", -1))] == [0.49, 0.51]
    assert [s.kv1 for s in neighbours(middle, ("kv1", 1))] == [0.51, 0.49]
    assert [s.kv1 for s in neighbours(AppState(kv1=1.0), ("kv1", -1))] == [0.99]  # top end
    warm = neighbours(AppState(temperature=37.0, seed=3), ("temperature", 1))
    assert [(s.temperature, s.seed) for s in warm] == [(37.5, 3), (36.5, 3)]


class Clock:
    def __init__(self):
        self.now_s = 100.0

    def __call__(self):
        return self.now_s


def test_the_busy_share_counts_overlapping_computations_once_and_forgets_the_old():
    clock = Clock()
    busy = runs._Busy(window_s=2.0, clock=clock)
    busy.start()  # two at once from 100.0 s: one stretch
    busy.start()
    clock.now_s = 100.5
    busy.stop()
    clock.now_s = 101.0
    busy.stop()
    clock.now_s = 101.5
    assert busy.share() == 0.5  # 100.0–101.0 of the window 99.5–101.5
    busy.start()  # one under way counts up to now
    clock.now_s = 102.0
    assert busy.share() == 0.75  # 100.0–101.0 and 101.5–102.0 of the window 100.0–102.0
    clock.now_s = 103.5
    busy.stop()
    assert busy.share() == 1.0  # 101.5–103.5: the first stretch is out of the window
    clock.now_s = 106.0
    assert busy.share() == 0.0
    assert len(busy._stretches) == 0


def test_ahead_waits_while_visible_runs_filled_most_of_the_recent_window():
    clock = Clock()
    visible = runs._cache._visible
    queued = tiny(0.45)
    with runs._cache._lock:  # a server that computed visible runs for the whole window
        runs._cache._visible = runs._Busy(runs.AHEAD_WINDOW_S, clock)
        runs._cache._visible.start()
        clock.now_s += runs.AHEAD_WINDOW_S
        runs._cache._visible.stop()
    try:
        runs.look_ahead("reader", [queued], alive=lambda: True)
        time.sleep(0.2)  # the worker had every chance to start, and must not
        assert not runs._ready(queued)
        clock.now_s += runs.AHEAD_WINDOW_S * (1.01 - runs.AHEAD_MAX_BUSY_SHARE)  # quieter now
        wait_until(lambda: runs._ready(queued))
    finally:
        with runs._cache._lock:
            runs._cache._visible = visible
