"""Shared helpers of the routelab Python tests (run by ctest with PYTHONPATH=build/python)."""
import json
import os
import subprocess

import pytest


def cli_path():
    path = os.environ.get("ROUTELAB_CLI")
    if not path:
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, "..", "..", "build", "bin", "routelab")
    return path


@pytest.fixture
def cli():
    """Runs `routelab ARGS...` and returns the parsed JSON it printed (for --format json)."""
    def run(*args):
        completed = subprocess.run([cli_path(), *args], capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        return json.loads(completed.stdout) if "--format" in args else completed.stdout
    return run
