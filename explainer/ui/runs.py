"""The app's model runs, cached once per process and shared by every page and session.

A run is immutable (frozen dataclasses, arrays nobody writes to), so the cache hands out the
object itself: no copy on a hit. While a person reads an answer, :func:`look_ahead` computes
the runs one slider step either side in one background thread, so the next press usually
finds its run ready. That work is bounded and yields to the visible answer:

- one worker thread, one numba thread, at most :data:`AHEAD_QUEUE` runs waiting;
- a newer press of the same session supersedes what it queued before;
- nothing starts while a visible run is computing, or for a session that has gone, or
  sooner than :data:`AHEAD_DELAY_S` after the press, while the browser draws its answer;
- nothing starts while the server is busy: visible runs computed during more than
  :data:`AHEAD_MAX_BUSY_SHARE` of the last :data:`AHEAD_WINDOW_S` (many readers at once).
  The two runs ahead cost about twice the visible one, and a reader who jumps misses them
  all: under load that work only delays the other readers' answers;
- a press whose run is being computed ahead waits for it instead of computing it twice.
"""

from __future__ import annotations

import contextlib
import functools
import io
import threading
import time
import wave
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future
from dataclasses import replace

import numba
import numpy as np

from explainer.model import muscle
from explainer.model.pool import Scenario
from explainer.model.simulation import ScenarioResult, run_emg, run_scenario

CACHED_RUNS = 64
"""Runs kept (each ~2 MB with its EMG); the oldest unused one goes first."""
AHEAD_QUEUE = 4
"""Runs waiting to be computed ahead, over all sessions; a full queue drops its oldest."""
AHEAD_POLL_S = 0.05
"""While runs wait behind a visible one, the worker looks again this often (seconds)."""
AHEAD_DELAY_S = 0.15
"""[design] Runs ahead start no sooner than this (seconds) after the press that asked for
them: about the time a browser takes to draw the answer. Where the browser shares the
server's cores (`make run` on a laptop, the browser tests), work started at once slowed that
drawing (a key press in the lab: median 264 → 218 ms, bench_lab_latency, issue 13)."""
AHEAD_WINDOW_S = 2.0
"""[design] How far back (seconds) the worker looks to judge whether the server is busy: a
couple of a reader's presses, so it follows a crowd that comes and goes."""
AHEAD_MAX_BUSY_SHARE = 0.5
"""[design] Runs ahead start only if visible runs computed during less than this share of the
last AHEAD_WINDOW_S. One reader stays far below it (one run per far jump, none per key press
that the runs ahead answer); twenty who jump every second keep the server above it."""


def healthy_of(scenario: Scenario) -> Scenario:
    """The same run with every channel intact and no drug: the healthy comparison."""
    return replace(scenario, kv1=1.0, kv7=1.0, na_block=0.0)


class _Busy:
    """When visible computations were under way in the last `window_s` (seconds of `clock`).

    Not thread-safe: its owner calls it under its own lock.
    """

    def __init__(self, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._window_s = window_s
        self._clock = clock
        self.running = 0
        """Visible computations under way now."""
        self._since = 0.0
        self._stretches: deque[tuple[float, float]] = deque()
        """(start, end) of each stretch with at least one under way, ended in the window."""

    def start(self) -> None:
        if self.running == 0:
            self._since = self._clock()
        self.running += 1

    def stop(self) -> None:
        self.running -= 1
        if self.running == 0:
            self._stretches.append((self._since, self._clock()))
            self._forget(self._clock() - self._window_s)

    def _forget(self, begin: float) -> None:
        while self._stretches and self._stretches[0][1] <= begin:
            self._stretches.popleft()

    def share(self) -> float:
        """Share of the window during which at least one computation was under way."""
        now = self._clock()
        begin = now - self._window_s
        self._forget(begin)
        stretches = [*self._stretches, *([(self._since, now)] if self.running else [])]
        return sum(end - max(start, begin) for start, end in stretches) / self._window_s


class _Cache:
    """Least-recently-used results by key; one computation per key even across threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._done: OrderedDict[Hashable, object] = OrderedDict()
        self._running: dict[Hashable, Future] = {}
        self._lock = threading.Lock()
        self._visible = _Busy(AHEAD_WINDOW_S)
        """Visible (not ahead) computations; the ahead worker waits while the server is busy."""

    def get(self, key: Hashable, compute: Callable[[], object], visible: bool = True) -> object:
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            running = self._running.get(key)
            mine = running is None
            if mine:
                running = self._running[key] = Future()
            # Only computing counts as busy: waiting for a run computed ahead uses no core.
            counted = visible and mine
            if counted:
                self._visible.start()
        try:
            if not mine:
                return running.result()
            try:
                value = compute()
            except BaseException as error:
                with self._lock:
                    del self._running[key]
                running.set_exception(error)
                raise
            with self._lock:  # one step, so no thread finds the key in neither place
                del self._running[key]
                self._done[key] = value
                while len(self._done) > self._size:
                    self._done.popitem(last=False)
            running.set_result(value)
            return value
        finally:
            if counted:
                with self._lock:
                    self._visible.stop()

    def has(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._done or key in self._running

    def spare(self) -> bool:
        """No visible computation under way, and few in the last :data:`AHEAD_WINDOW_S`."""
        with self._lock:
            visible = self._visible
            return visible.running == 0 and visible.share() < AHEAD_MAX_BUSY_SHARE


_cache = _Cache(CACHED_RUNS)


def simulate(scenario: Scenario, visible: bool = True) -> ScenarioResult:
    """One run of the model (callers show `labels.simulating` while it computes)."""
    return _cache.get(("run", scenario), lambda: run_scenario(scenario), visible)


def emg_of(scenario: Scenario, visible: bool = True) -> muscle.EmgTrace:
    """Needle EMG of one run (the healthy one is shared by every run that compares with it)."""

    def compute() -> muscle.EmgTrace:
        return run_emg(simulate(scenario, visible), seed=scenario.seed)

    return _cache.get(("emg", scenario), compute, visible)


def emg_pair(scenario: Scenario) -> tuple[muscle.EmgTrace, muscle.EmgTrace]:
    """Needle EMG of this run and of its healthy comparison."""
    return emg_of(scenario), emg_of(healthy_of(scenario))


def wav_bytes(audio: np.ndarray, rate_hz: int) -> bytes:
    """16-bit mono WAV, keeping the loudness we chose (st.audio would rescale an array)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate_hz)
        file.writeframes((np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes())
    return out.getvalue()


def sounds(scenario: Scenario) -> tuple[bytes, bytes]:
    """This run's EMG and the healthy one's as WAV, on one loudness scale (made on request):
    the EMG chart's, at least one MUAP, so a resting healthy muscle sounds as quiet as it
    looks instead of its noise being played at full volume."""

    def compute() -> tuple[bytes, bytes]:
        pair = emg_pair(scenario)
        peak_mV = max(float(np.abs(trace.emg_mV).max()) for trace in pair)
        full_scale = max(peak_mV, muscle.TYPICAL_MUAP_MV)
        return tuple(wav_bytes(*muscle.emg_audio(e, full_scale_mV=full_scale)) for e in pair)

    return _cache.get(("sounds", scenario), compute)


class _Ahead:
    """One worker computing queued runs ahead; a session's newer request replaces its older."""

    def __init__(self, size: int) -> None:
        self._queue: deque[tuple[Hashable, int, Scenario, Callable[[], bool]]] = deque(maxlen=size)
        self._latest: dict[Hashable, int] = {}
        self._wake = threading.Condition()
        self._worker: threading.Thread | None = None
        self._not_before = 0.0
        """time.monotonic() before which no run ahead starts (see :data:`AHEAD_DELAY_S`)."""

    def request(self, owner: Hashable, scenarios: Sequence[Scenario], alive: Callable[[], bool]):
        with self._wake:
            # Only owners with runs still queued need a token: forgetting the rest keeps this
            # table as small as the queue, however many sessions come and go.
            queued = {item[0] for item in self._queue}
            self._latest = {o: t for o, t in self._latest.items() if o in queued}
            self._latest[owner] = token = self._latest.get(owner, 0) + 1
            self._queue.extend((owner, token, s, alive) for s in scenarios if not _ready(s))
            self._not_before = time.monotonic() + AHEAD_DELAY_S
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="runs-ahead", daemon=True)
                self._worker.start()
            self._wake.notify()

    def _next(self) -> Scenario:
        with self._wake:
            while True:
                while self._queue and not self._current(*self._queue[0][:2]):
                    self._queue.popleft()
                wait_s = self._not_before - time.monotonic()
                if self._queue and wait_s <= 0 and _cache.spare():
                    owner, _, scenario, alive = self._queue.popleft()
                    if _still_there(alive):
                        return scenario
                    self._latest.pop(owner, None)
                    continue
                # A new request wakes this up; a visible run that ends, or a busy stretch
                # that passes, is seen at the next look, AHEAD_POLL_S later.
                poll_s = max(wait_s, AHEAD_POLL_S)
                self._wake.wait(timeout=poll_s if self._queue else None)

    def _current(self, owner: Hashable, token: int) -> bool:
        return self._latest.get(owner) == token

    def _work(self) -> None:
        numba.set_num_threads(1)  # per thread in numba: the visible answer keeps the other core
        while True:
            scenario = self._next()
            # A run ahead that fails is not cached: the press of that setting shows the error.
            with contextlib.suppress(Exception):
                emg_of(scenario, visible=False)
                emg_of(healthy_of(scenario), visible=False)


def _still_there(alive: Callable[[], bool]) -> bool:
    """Whether the session is still there; if that cannot be told, it is taken as gone."""
    try:
        return bool(alive())
    except Exception:  # noqa: BLE001 (whatever went wrong, the answer is "cannot tell")
        return False


def _ready(scenario: Scenario) -> bool:
    return _cache.has(("emg", scenario))


_ahead = _Ahead(AHEAD_QUEUE)


def look_ahead(owner: Hashable, scenarios: Sequence[Scenario], alive: Callable[[], bool]) -> None:
    """Compute `scenarios` in the background, superseding what `owner` asked for before.

    `alive` says whether the owner (a browser session) is still there; it is asked just
    before each run starts, so a session that left leaves no work behind.
    """
    _ahead.request(owner, scenarios, alive)


@functools.lru_cache(maxsize=1)  # once per process: later sessions find it started
def warm_up(scenario: Scenario) -> threading.Thread:
    """Compute `scenario` and its EMG in the background, loading the compiled kernel on the way.

    Started before the first page draws, so a reader who opens the lab finds its first run
    computing or done, and one who opens another page finds the model warm when they go there.
    """
    thread = threading.Thread(target=emg_pair, args=(scenario,), name="runs-warm-up", daemon=True)
    thread.start()
    return thread
