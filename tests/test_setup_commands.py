"""The README's two set-up commands: what CI runs, and never an install into the system Python."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Set up") : readme.index("Other sessions:")]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the README's set-up has no command block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_gives_one_command_to_serve_the_site_and_one_to_run_the_tests() -> None:
    commands = _setup_commands()

    assert len(commands) == 2
    assert commands[0].endswith("nox -s serve")
    assert commands[1].endswith("nox -s tests")


def test_readme_commands_install_into_a_virtual_environment_only() -> None:
    for command in _setup_commands():
        steps = [step.strip() for step in command.split("&&")]
        assert steps[0] == "python3 -m venv .venv", command
        # Every later step runs a program of that environment, never the system's python or pip.
        assert all(step.startswith(".venv/bin/") for step in steps[1:]), command


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

    assert _setup_commands()[1] in ci
