"""How fast the Nerve lab answers a slider key press in real Chromium, against Streamlit's floor.

    python -m tests.bench.bench_lab_latency          # short: 4 presses per page
    python -m tests.bench.bench_lab_latency --full   # 20 presses per page (make bench)

Both pages run in this one process, on this machine, one after the other: the lab (its Kv1
slider, stepping to values not seen before, so no cache helps) and a trivial one-slider,
one-chart page (tests/bench/trivial_app.py). Latency = key press → last DOM change of the
rerun (the page then stays quiet for 300 ms). Bytes = websocket payload received per rerun.
Then as many far jumps: clicks on the slider's track, to values no key press came near, so
no run the lab computed ahead (the neighbours of the last value) can answer them.
It also times the lab's simulation of the same Kv1 values on its own, in this process: the
part of the answer no drawing or server tuning can remove.
Goal (issue 13): lab p95 ≤ 1.5 × the trivial page's p95, far jumps ≤ 2 ×; ≤ 1 MB per rerun.
"""

from __future__ import annotations

import argparse
import json
import time
from statistics import median

import numpy as np

from explainer.content import load_content
from explainer.model.simulation import run_scenario
from explainer.state import AppState
from explainer.ui.lab_controls import scenario_of
from tests.e2e.conftest import SETTLED_JS, WATCH_JS, chromium, serve

PRESS_JS = "() => { window.__watch.since = performance.now(); return window.__watch.since; }"
FAR_FRACTIONS = (0.05, 0.45, 0.1, 0.5, 0.15, 0.4, 0.2, 0.35, 0.25, 0.3,
                 0.02, 0.48, 0.12, 0.43, 0.17, 0.38, 0.22, 0.33, 0.27, 0.08)  # fmt: skip
"""Where the far jumps click on the track: below the key presses' values, none a step apart."""


def _timed(page, received: list[int], act) -> tuple[float, int]:
    """Milliseconds from `act` to the settled rerun, and the bytes that rerun received."""
    received.clear()
    pressed = page.evaluate(PRESS_JS)
    act()
    page.wait_for_function(SETTLED_JS, arg=300, polling=20, timeout=60_000)
    return page.evaluate("window.__watch.lastChange") - pressed, sum(received)


def _summary(latencies_ms: list[float]) -> dict:
    latencies = np.array(latencies_ms)
    return {"median_ms": float(median(latencies)), "p95_ms": float(np.percentile(latencies, 95)),
            "samples_ms": [round(float(x), 1) for x in latencies]}  # fmt: skip


def measure(browser, url: str, presses: int, slider_label: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_JS)
    page = context.new_page()
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: received.append(len(data))))
    page.goto(url)
    page.wait_for_function(SETTLED_JS, arg=500, polling=50, timeout=90_000)
    slider = page.get_by_test_id("stSlider").filter(has_text=slider_label)
    thumb = slider.locator("input[type='range']")
    thumb.focus()
    # The first press warms up and is not counted.
    steps = [
        _timed(page, received, lambda: page.keyboard.press("ArrowLeft")) for _ in range(presses + 1)
    ]
    track = slider.locator("[role='group'] > div > div").first.bounding_box()  # the line

    def click(fraction: float) -> None:
        x, y = track["x"] + fraction * track["width"], track["y"] + track["height"] / 2
        page.mouse.click(x, y)

    jumps, values = [], []
    for fraction in FAR_FRACTIONS[:presses]:
        jumps.append(_timed(page, received, lambda f=fraction: click(f)))
        values.append(thumb.input_value())
    context.close()
    sizes = [size for _, size in steps[1:] + jumps]
    return {
        "url": url,
        "presses": presses,
        **_summary([ms for ms, _ in steps[1:]]),
        "far": _summary([ms for ms, _ in jumps]),
        "far_values": values,
        "max_bytes_per_rerun": int(max(sizes)),
        "median_bytes_per_rerun": int(median(sizes)),
    }


START_KV1 = 0.8
"""Kv1 starts at 80 % and steps down 1 % a press: every value is new to the cache."""


def model_alone_ms(presses: int) -> float:
    """Median time of the lab's simulation of the pressed Kv1 values, in this process."""
    times = []
    for step in range(presses + 1):  # the first, like the warm-up press, is not counted
        scenario = scenario_of(AppState(kv1=round(START_KV1 - 0.01 * (step + 1), 2)))
        started = time.perf_counter()
        run_scenario(scenario)
        times.append(1000 * (time.perf_counter() - started))
    return float(median(times[1:]))


def run(browser, presses: int) -> dict:
    """Both pages in `browser`, one after the other; print and return the numbers."""
    with serve("tests/bench/trivial_app.py", "bench-trivial.log") as url:
        floor = measure(browser, url, presses, "Frequency")
    with serve("app.py", "bench-lab.log") as url:
        kv1 = load_content().lab.controls["kv1"].label.student
        lab = measure(browser, f"{url}/lab?audience=student&kv1={START_KV1}", presses, kv1)
    report = {"trivial": floor, "lab": lab, "p95_ratio": lab["p95_ms"] / floor["p95_ms"],
              "far_p95_ratio": lab["far"]["p95_ms"] / floor["p95_ms"],
              "model_alone_ms": model_alone_ms(presses)}  # fmt: skip
    print(f"{presses} key presses per page (after one warm-up press)")
    for name in ("trivial", "lab"):
        r = report[name]
        print(f"  {name:8s} median {r['median_ms']:6.0f} ms  p95 {r['p95_ms']:6.0f} ms  "
              f"far jumps median {r['far']['median_ms']:6.0f} ms  p95 {r['far']['p95_ms']:6.0f} ms"
              f"  max {r['max_bytes_per_rerun'] / 1e6:.2f} MB per rerun")  # fmt: skip
    print(f"  lab p95 / trivial p95 = {report['p95_ratio']:.2f}  (goal ≤ 1.5)")
    print(f"  lab far-jump p95 / trivial p95 = {report['far_p95_ratio']:.2f}  (goal ≤ 2)")
    print(f"  the lab's simulation alone, no Streamlit, no browser: median "
          f"{report['model_alone_ms']:.0f} ms = {report['model_alone_ms'] / floor['p95_ms']:.2f} "
          "× trivial p95")  # fmt: skip
    print(json.dumps(report))
    return report


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="20 presses per page")
    args = parser.parse_args(argv)
    with chromium() as browser:
        return run(browser, 20 if args.full else 4)


if __name__ == "__main__":
    main()
