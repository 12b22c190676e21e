// One plotly chart that stays the same chart across reruns: the first figure draws it, each
// later one updates it in place (Plotly.react). st.plotly_chart instead mounts a new chart
// whenever the figure changes and draws it twice (explainer/ui/updating_chart.py).
//
// Streamlit calls this function again with each rerun's data, on the same parentElement.

// Streamlit serves the plotly package's own plotly.min.js beside this script.
const PLOTLY_URL = new URL("../isaac-explainer.plotly_js/plotly.min.js", import.meta.url);
let plotlyLoaded;  // plotly.js is loaded once per page and shared by every chart

function loadPlotly(url) {
  plotlyLoaded ??= new Promise((resolve, reject) => {
    if (window.Plotly) {
      resolve(window.Plotly);
      return;
    }
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      plotlyLoaded = undefined;  // the next rerun tries again
      reject(new Error(`plotly.js did not load from ${url}`));
    };
    document.head.appendChild(script);
  });
  return plotlyLoaded;
}

function chartIn(parentElement) {
  let chart = parentElement.querySelector(":scope > .explainer-chart");
  if (!chart) {
    chart = document.createElement("div");
    chart.className = "explainer-chart";
    chart.setAttribute("role", "figure");
    // Marked as Streamlit marks its plotly charts, so tools that wait for those to be drawn
    // (e.g. the team's browser_check.py) wait for this one too.
    chart.dataset.testid = "stPlotlyChart";
    chart.dataset.calls = "0";
    parentElement.appendChild(chart);
  }
  return chart;
}

// Streamlit's fullscreen button, which st.plotly_chart adds to the mode bar: the browser's
// fullscreen here; the chart fills the screen's width and scrolls (updating_chart.css).
const FULLSCREEN = {
  name: "Fullscreen",
  icon: {
    width: 448, height: 512,
    path: "M32 32C14 32 0 46 0 64v96c0 18 14 32 32 32s32-14 32-32V96h64c18 0 32-14 32-32S146 32 128 32H32zM64 352c0-18-14-32-32-32S0 334 0 352v96c0 18 14 32 32 32h96c18 0 32-14 32-32s-14-32-32-32H64V352zM320 32c-18 0-32 14-32 32s14 32 32 32h64v64c0 18 14 32 32 32s32-14 32-32V64c0-18-14-32-32-32H320zM448 352c0-18-14-32-32-32s-32 14-32 32v64H320c-18 0-32 14-32 32s14 32 32 32h96c18 0 32-14 32-32V352z",
  },
  click: (chart) =>
    document.fullscreenElement ? document.exitFullscreen() : chart.requestFullscreen(),
};

// The chart takes its container's width, and follows it when the sidebar opens or closes or
// the chart goes fullscreen (plotly's own `responsive` follows only the window).
function followWidth(Plotly, chart) {
  if (chart.resizing) return;
  let width = chart.clientWidth;
  chart.resizing = new ResizeObserver(() => {
    if (!chart.isConnected || !chart.layout || chart.clientWidth === width) return;
    width = chart.clientWidth;
    Plotly.Plots.resize(chart);
  });
  chart.resizing.observe(chart);
}

export default function ({ data, parentElement }) {
  const chart = chartIn(parentElement);
  const call = Number(chart.dataset.calls) + 1;
  chart.dataset.calls = String(call);
  chart.setAttribute("aria-label", data.alt);
  const figure = JSON.parse(data.figure);
  const config = { ...data.config, modeBarButtonsToAdd: [FULLSCREEN] };
  loadPlotly(PLOTLY_URL).then((Plotly) => {
    if (Number(chart.dataset.calls) !== call) return;  // a newer figure is already on its way
    Plotly.react(chart, figure.data, figure.layout, config);
    followWidth(Plotly, chart);
  }).catch((error) => console.error(error));
  // Streamlit keeps the cleanup of the latest call and runs it when the chart leaves the
  // page; an older call's cleanup may still run after a newer call, so it checks.
  return () => {
    if (Number(chart.dataset.calls) !== call) return;
    chart.resizing?.disconnect();
    window.Plotly?.purge(chart);
    chart.remove();
  };
}
