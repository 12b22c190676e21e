"""How long a fresh browser waits for the first chart on a server that has just started.

    python -m tests.bench.bench_cold_start          # short: one start per page
    python -m tests.bench.bench_cold_start --full   # three starts per page (make bench)

Each measurement starts a new server, waits until it answers its health check (as a
reader's link would reach a server that is up), then opens one page in a new browser
context and times navigation → the page's first view: the first Plotly chart's SVG on screen
(the lab, the trivial app), or, on Home, which has no chart, the chain of steps under its
text. Home and the Nerve lab are measured against a trivial two-page app with one Plotly chart
(tests/bench/trivial_two_pages.py), alternating, in this one process.
Goal (issue 13): each page's first view ≤ 1.3 × the trivial app's, same run.
"""

from __future__ import annotations

import argparse
import json
import time
from statistics import median

from tests.e2e.conftest import HOME_STEPS, LAB_VIEWS, chromium, serve

PAGES = {
    "trivial": ("tests/bench/trivial_two_pages.py", "/", "[data-testid='stPlotlyChart'] .main-svg"),
    "home": ("app.py", "/", HOME_STEPS),
    "lab": ("app.py", "/lab", f"{LAB_VIEWS} .main-svg"),
}


def first_view_ms(browser, app: str, path: str, first_view: str) -> float:
    """A new server, a new browser context: navigation → `first_view` drawn, in ms."""
    with serve(app, "bench-cold-start.log") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url + path)
            page.wait_for_selector(first_view, state="visible", timeout=120_000)
            return 1000 * (time.perf_counter() - started)
        finally:
            context.close()


def run(browser, rounds: int) -> dict:
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    for _ in range(rounds):  # alternate, so a busy spell of the machine hits every page
        for name, (app, path, first_view) in PAGES.items():
            times[name].append(first_view_ms(browser, app, path, first_view))
    report = {name: {"median_ms": median(ms), "samples_ms": [round(x) for x in ms]}
              for name, ms in times.items()}  # fmt: skip
    floor = report["trivial"]["median_ms"]
    print(f"{rounds} cold start(s) per page: navigation → first view")
    for name, numbers in report.items():
        numbers["ratio"] = numbers["median_ms"] / floor
        print(f"  {name:8s} median {numbers['median_ms']:6.0f} ms  = {numbers['ratio']:.2f} × "
              "trivial  (goal ≤ 1.3)")  # fmt: skip
    print(json.dumps(report))
    return report


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="three starts per page")
    args = parser.parse_args(argv)
    with chromium() as browser:
        return run(browser, 3 if args.full else 1)


if __name__ == "__main__":
    main()
