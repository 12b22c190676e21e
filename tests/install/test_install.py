"""A regular install (`pip install .`, as pipx and deploy/Dockerfile do it) works from any folder.

Issue 14: data/ at the repository root was not in the package, so an installed `explainer-sim`
stopped with "data/presets.yaml: file is missing". Here a fresh venv gets the project from a
copy of the source tree, the copy is deleted, and the tools run from another folder. To save
time, the venv borrows the project venv's packages (its dependencies and pip) through a .pth
file; pip builds the wheel as any user's pip would, in an isolated environment with the
setuptools pyproject.toml asks for (>= 77, fetched from PyPI like every other install of
`make test`).
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# Left out of the build, as in deploy/Dockerfile: this machine's venvs, caches, build leftovers.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv*", "artifacts", "build", "*.egg-info", "__pycache__", ".*_cache"
)
# Without PYTHONPATH nothing but the fresh venv (and the borrowed packages) can be imported.
ENV = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}


def run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=ENV, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with the project installed (not editable); its source copy is gone."""
    root = tmp_path_factory.mktemp("install")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / "bin" / "python"
    site_packages = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                        cwd=root).strip()  # fmt: skip
    # A bare path line: the project venv's own .pth files (its editable install) stay inactive.
    (Path(site_packages) / "project-venv.pth").write_text(sysconfig.get_path("purelib") + "\n")
    source = shutil.copytree(ROOT, root / "source", ignore=NOT_SOURCE)
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", source,
        cwd=root)  # fmt: skip
    shutil.rmtree(source)
    return venv


# Run by the installed package's python: where its content is, and that all of it loads.
REPORT_CONTENT = """
import json
from explainer.content.loader import DATA_DIR, load_content

content = load_content()
files = sorted(str(p.relative_to(DATA_DIR)) for p in DATA_DIR.rglob("*") if p.is_file())
print(json.dumps({"data_dir": str(DATA_DIR), "presets": list(content.presets), "files": files}))
"""


def test_the_installed_simulator_runs_a_preset_from_another_folder(venv, tmp_path):
    out = run(venv / "bin" / "explainer-sim", "--preset", "severe", "--units", "2",
              "--duration", "0.05", cwd=tmp_path)  # fmt: skip
    data = json.loads(out)
    assert data["params"]["preset"] == "severe" and data["params"]["kv1"] == 0.1
    assert data["units"] == 2 and len(data["spikes"]) == 2 and data["duration_s"] == 0.05
    assert {"spontaneous_rate_hz", "pattern_counts"} <= set(data["summary"])


def test_the_installed_package_reads_all_its_content_from_site_packages(venv, tmp_path):
    found = json.loads(run(venv / "bin" / "python", "-c", REPORT_CONTENT, cwd=tmp_path))
    data_dir = Path(found["data_dir"])
    assert data_dir.is_relative_to(venv) and "site-packages" in data_dir.parts
    assert not data_dir.is_relative_to(ROOT)
    shipped = ROOT / "explainer" / "data"
    in_repo = [p for p in shipped.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert found["files"] == sorted(str(p.relative_to(shipped)) for p in in_repo)
    assert "severe" in found["presets"]
