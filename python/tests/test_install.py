"""`cmake --install BUILD --prefix P`: the CLI, the Python package, the data files and the libraries
(with a CMake package config) land under P
and work from there (Debian's python3 with PYTHONPATH=P/lib/python3/dist-packages; a prefix of
/usr needs no PYTHONPATH)."""
import json
import os
import subprocess
import sys

import pytest

from conftest import cli_path

BUILD = os.environ.get("ROUTELAB_BUILD_DIR")


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    if not BUILD:
        pytest.skip("ROUTELAB_BUILD_DIR is not set (ctest sets it)")
    prefix = tmp_path_factory.mktemp("install") / "prefix"
    completed = subprocess.run(["cmake", "--install", BUILD, "--prefix", str(prefix)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return prefix


def clean_environment(**extra):
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("PYTHONPATH", "ROUTELAB_DATA_DIR", "ROUTELAB_PYTHONPATH")}
    environment.update(extra)
    return environment


def test_the_tree_holds_the_cli_the_package_and_the_data(prefix):
    assert os.access(prefix / "bin" / "routelab", os.X_OK)
    package = prefix / "lib" / "python3" / "dist-packages" / "routelab"
    assert (package / "__init__.py").is_file() and (package / "plot.py").is_file()
    assert any(name.startswith("_routelab.") and name.endswith(".so") for name in os.listdir(package))
    assert any(name.startswith("routelab_phase.") for name in os.listdir(package.parent))
    assert (prefix / "share" / "routelab" / "tests" / "data" / "traces" / "deepseek-v2-lite").is_dir()


def test_the_installed_cli_runs_a_trace_scenario_like_the_build(prefix):
    arguments = ["compare", "--scenario", "deepseek-layer1", "--routers", "trace,hash", "--format", "json"]
    installed = subprocess.run([str(prefix / "bin" / "routelab"), *arguments], capture_output=True, text=True,
                               env=clean_environment())
    built = subprocess.run([cli_path(), *arguments], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    assert [r["fingerprint"] for r in json.loads(installed.stdout)["routers"]] == \
           [r["fingerprint"] for r in json.loads(built.stdout)["routers"]]


def test_the_installed_package_imports_from_the_prefix_and_finds_its_data(prefix):
    site = prefix / "lib" / "python3" / "dist-packages"
    script = ("import os, routelab; print(routelab.__file__); print(os.environ['ROUTELAB_DATA_DIR']); "
              "print(routelab.compare('deepseek-layer1', ['trace', 'hash'])['hash'].fingerprint)")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=str(prefix),
                               env=clean_environment(PYTHONPATH=str(site)))
    assert completed.returncode == 0, completed.stderr
    module_file, data_dir, fingerprint = completed.stdout.split()
    assert module_file.startswith(str(site))
    assert data_dir == str(prefix / "share" / "routelab")
    built = subprocess.run([cli_path(), "compare", "--scenario", "deepseek-layer1", "--routers", "trace,hash",
                            "--format", "json"], capture_output=True, text=True)
    assert fingerprint == json.loads(built.stdout)["routers"][1]["fingerprint"]


def test_the_installed_plot_command_uses_the_installed_package(prefix, tmp_path):
    routelab = str(prefix / "bin" / "routelab")
    run = subprocess.run([routelab, "compare", "--routers", "hash", "--tokens", "5000", "--out", str(tmp_path / "run")],
                         capture_output=True, text=True, env=clean_environment())
    assert run.returncode == 0, run.stderr
    # An interpreter that reports where it imported routelab from, then plots.
    probe = tmp_path / "probe.py"
    probe.write_text("import sys, runpy, routelab\nprint('package', routelab.__file__)\n"
                     "sys.argv = ['routelab.plot'] + sys.argv[3:]\nrunpy.run_module('routelab.plot', run_name='__main__')\n")
    wrapper = tmp_path / "python"
    wrapper.write_text("#!/bin/sh\nexec %s %s \"$@\"\n" % (sys.executable, probe))
    wrapper.chmod(0o755)
    plot = subprocess.run([routelab, "plot", str(tmp_path / "run"), "--out", str(tmp_path / "figures")],
                          capture_output=True, text=True, env=clean_environment(ROUTELAB_PYTHON=str(wrapper)))
    assert plot.returncode == 0, plot.stderr
    assert "package " + str(prefix / "lib" / "python3" / "dist-packages" / "routelab") in plot.stdout
    assert (tmp_path / "figures" / "timeline.png").is_file()


def test_another_cmake_project_builds_against_the_installed_libraries(prefix, tmp_path):
    consumer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "install", "consumer")
    build = tmp_path / "consumer"
    configure = subprocess.run(["cmake", "-S", consumer, "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                                "-DCMAKE_PREFIX_PATH=" + str(prefix)], capture_output=True, text=True)
    assert configure.returncode == 0, configure.stdout + configure.stderr
    compiled = subprocess.run(["ninja", "-C", str(build)], capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    ran = subprocess.run([str(build / "consumer"), "zipf-hot", "hash"], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    cli = subprocess.run([cli_path(), "run", "--scenario", "zipf-hot", "--router", "hash", "--format", "json"],
                         capture_output=True, text=True)
    assert ran.stdout.strip() == json.loads(cli.stdout)["routers"][0]["fingerprint"]
