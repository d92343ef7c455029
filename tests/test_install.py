"""The tool installed from a wheel (not editable) works away from the checkout:
layouts/ and fonts/ ship inside the package.

Offline: the wheel is built without build isolation (setuptools and wheel come
with the test extras) and installed with --no-index into a fresh venv whose
dependencies are this venv's site-packages, added by a .pth file (a path added
that way has its own .pth files ignored, so this checkout's editable install
stays invisible)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from support import EXAMPLE, REPO

SHIPPED = ("pyproject.toml", "README.md", "publish", "layouts", "fonts")


def _run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900,
                          env=env)
    assert done.returncode == 0, f"{args[:4]}…: exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel of this checkout installed; returns its bin/ folder."""
    base = tmp_path_factory.mktemp("install")
    source = base / "src"
    source.mkdir()
    for name in SHIPPED:                   # a copy, so that building leaves the checkout clean
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
        else:
            shutil.copy2(origin, source / name)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "-w", base / "dist", source, cwd=base)
    (wheel,) = (base / "dist").glob("publish-*.whl")
    venv = base / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet",
         wheel, cwd=base)
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=base).stdout.strip())
    (site / "dependencies-of-the-test-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


@pytest.mark.slow
def test_the_wheel_carries_layouts_and_fonts(installed):
    (wheel,) = (installed.parent.parent / "dist").glob("publish-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for folder in ("layouts", "fonts"):
        expected = {f"publish/_data/{folder}/{p.relative_to(REPO / folder).as_posix()}"
                    for p in (REPO / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
        assert expected <= names, sorted(expected - names)[:5]


@pytest.mark.slow
def test_the_installed_tool_builds_the_example_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "desk"
    shutil.copytree(EXAMPLE, elsewhere / "issue")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    where = _run(installed / "python", "-c", "import publish.paths as p; print(p.LAYOUTS); print(p.FONTS)",
                 cwd=elsewhere, env=env).stdout.split()
    for path in where:
        assert Path(path).is_relative_to(installed.parent), f"{path} is not inside the installed package"
        assert not Path(path).is_relative_to(REPO)
    _run(installed / "publish", "build", "issue", "-o", "out", "--format", "all", cwd=elsewhere, env=env)
    outputs = sorted(p.name for p in (elsewhere / "out").iterdir())
    assert outputs == ["温岭日报-2023-01-19", "温岭日报-2023-01-19.epub", "温岭日报-2023-01-19.pdf",
                       "温岭日报-2023-01-19.report.json"]
    assert (elsewhere / "out" / "温岭日报-2023-01-19" / "index.html").stat().st_size > 1000
    assert (elsewhere / "out" / "温岭日报-2023-01-19.pdf").stat().st_size > 100_000
