"""Every command and snippet in docs/python.md runs (in a scratch directory, from the build)."""
import os
import re
import subprocess
import sys

import pytest

from conftest import cli_path

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
DOC = os.path.join(SOURCE, "docs", "python.md")


def blocks(language):
    text = open(DOC).read()
    return re.findall(r"```%s\n(.*?)```" % language, text, flags=re.S)


def commands():
    return [line for block in blocks("sh") for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A directory holding `examples` and `build/python` (links into the tree), with routelab on PATH."""
    directory = tmp_path_factory.mktemp("docs")
    os.symlink(os.path.join(SOURCE, "examples"), directory / "examples")
    python_dir = os.environ["PYTHONPATH"].split(os.pathsep)[0]
    os.makedirs(directory / "build")
    os.symlink(os.path.abspath(python_dir), directory / "build" / "python")
    environment = dict(os.environ)
    environment["PATH"] = os.path.dirname(os.path.abspath(cli_path())) + os.pathsep + environment["PATH"]
    environment["PYTHONPATH"] = os.path.abspath(python_dir)
    return directory, environment


def test_the_page_documents_commands_and_snippets():
    assert len(commands()) >= 7 and len(blocks("python")) >= 2


@pytest.mark.parametrize("command", commands())
def test_documented_command_runs(scratch, command):
    directory, environment = scratch
    line = command.replace("/usr/bin/python3", sys.executable)
    completed = subprocess.run(line, shell=True, cwd=directory, env=environment, capture_output=True, text=True,
                               timeout=600)
    assert completed.returncode == 0, "%s\n%s" % (command, completed.stderr)
    if "custom_router.py" in command:  # the example: a table of three routers and its figures
        for router in ("greedy", "phase", "py_most_room"):
            assert router in completed.stdout
        assert os.path.isfile(directory / "figures" / "heatmap-py_most_room.png")
        assert os.path.isfile(directory / "figures" / "latency-cdf.png")
    if command.startswith("routelab report sweep.sqlite"):
        assert os.path.isfile(directory / "report" / "report.md")
        assert os.path.isfile(directory / "report" / "figures" / "sweep-drop_rate-vs-tokens.zipf_s.png")
    if command.startswith("routelab plot sweep.sqlite"):
        assert os.path.isfile(directory / "figures" / "sweep-drop_rate-vs-routing.capacity_factor.svg")


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_documented_snippet_runs(scratch, index):
    directory, environment = scratch
    completed = subprocess.run([sys.executable, "-c", blocks("python")[index]], cwd=directory, env=environment,
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
