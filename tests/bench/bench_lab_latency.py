"""How fast the Nerve lab answers a slider key press in real Chromium, against Streamlit's floor.

    python -m tests.bench.bench_lab_latency          # short: 4 presses per page
    python -m tests.bench.bench_lab_latency --full   # 20 presses per page (make bench)

Both pages run in this one process, on this machine, one after the other: the lab (its Kv1
slider, stepping to values not seen before, so no cache helps) and a trivial one-slider,
one-chart page (tests/bench/trivial_app.py). Latency = key press → last DOM change of the
rerun (the page then stays quiet for 300 ms). Bytes = websocket payload received per rerun.
It also times the lab's simulation of the same Kv1 values on its own, in this process: the
part of the answer no drawing or server tuning can remove.
Goal (issue "Nerve lab"): lab p95 ≤ 1.5 × the trivial page's p95; ≤ 1 MB per rerun.
"""

from __future__ import annotations

import argparse
import json
import time
from statistics import median

import numpy as np
from playwright.sync_api import sync_playwright

from explainer.content import load_content
from explainer.model.simulation import run_scenario
from explainer.state import AppState
from explainer.ui.lab_controls import scenario_of
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, SETTLED_JS, WATCH_JS, serve

PRESS_JS = "() => { window.__watch.since = performance.now(); return window.__watch.since; }"


def measure(browser, url: str, presses: int, slider_label: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_JS)
    page = context.new_page()
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: received.append(len(data))))
    page.goto(url)
    page.wait_for_function(SETTLED_JS, arg=500, polling=50, timeout=90_000)
    slider = page.get_by_test_id("stSlider").filter(has_text=slider_label)
    slider.locator("input[type='range']").focus()
    latencies_ms, bytes_per_rerun = [], []
    for _ in range(presses + 1):  # the first press warms up and is not counted
        received.clear()
        pressed = page.evaluate(PRESS_JS)
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(SETTLED_JS, arg=300, polling=20, timeout=60_000)
        latencies_ms.append(page.evaluate("window.__watch.lastChange") - pressed)
        bytes_per_rerun.append(sum(received))
    context.close()
    latencies = np.array(latencies_ms[1:])
    return {
        "url": url,
        "presses": presses,
        "median_ms": float(median(latencies)),
        "p95_ms": float(np.percentile(latencies, 95)),
        "samples_ms": [round(x, 1) for x in latencies],
        "max_bytes_per_rerun": int(max(bytes_per_rerun[1:])),
        "median_bytes_per_rerun": int(median(bytes_per_rerun[1:])),
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
              "model_alone_ms": model_alone_ms(presses)}  # fmt: skip
    print(f"{presses} key presses per page (after one warm-up press)")
    for name in ("trivial", "lab"):
        r = report[name]
        print(f"  {name:8s} median {r['median_ms']:6.0f} ms  p95 {r['p95_ms']:6.0f} ms  "
              f"max {r['max_bytes_per_rerun'] / 1e6:.2f} MB per rerun")  # fmt: skip
    print(f"  lab p95 / trivial p95 = {report['p95_ratio']:.2f}  (goal ≤ 1.5)")
    print(f"  the lab's simulation alone, no Streamlit, no browser: median "
          f"{report['model_alone_ms']:.0f} ms = {report['model_alone_ms'] / floor['p95_ms']:.2f} "
          "× trivial p95")  # fmt: skip
    print(json.dumps(report))
    return report


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="20 presses per page")
    args = parser.parse_args(argv)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return run(browser, 20 if args.full else 4)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
