# Loads the cases, runs each in fresh processes against cachelib and Streamlit, and judges them.
"""The differential runner, for two eras of Streamlit's caching.

* **legacy**: ``st.cache`` against Streamlit 1.35, cases in ``cases/``, observed by
  ``observer.py`` in bare mode (``python app.py``), one fresh process per run;
* **modern**: ``st.cache_data`` / ``st.cache_resource`` against Streamlit 1.67, cases in
  ``cases_modern/``, observed by ``modern_observer.py`` the way apps run: ``runs: N`` reruns of
  the script in ONE process (Streamlit: ``AppTest``, one session; cachelib: the script
  executed as ``__main__`` N times, caches kept). See that module for the event lines and
  for how ``print`` and ``st.write`` are ordered.

Each era needs its own environment (``nox -s conformance`` runs both, one virtualenv each).
Streamlit's observations are forked from zygotes that imported Streamlit once (``zygote.py``;
``CONFORMANCE_ZYGOTE=0`` starts a plain process for each instead): same observations, a third
of the CPU time.

A case is a small app script written as ``import cachelib as st``. Its module docstring
declares what it shows and what must be observed::

    \"\"\"Floats are keyed by Python's hash(): -1.0 and -2.0 share an entry.

    rule: 1.3
    expect: D2
    cachelib:
        ran -1.0
        ran -2.0
    streamlit:
        ran -1.0
    \"\"\"

``rule`` is a section of the era's part of ``streamlit-caching.md`` (1.x legacy, 2.x
modern). ``expect`` is ``same`` (then one ``both:`` block states the observation of either
library) or exactly one divergence ``D1``–``D13`` of the contract (then a ``cachelib:`` block
states what the contract requires and a ``streamlit:`` block the flaw Streamlit really
shows). A block lists the observer's event lines; ``...`` inside a line matches any text. A
legacy ``same`` case also needs the two observations to be identical; a modern one is decided
by its block alone, since a ``...`` there marks text the two libraries word differently.
Optional keys: ``runs: N`` (legacy: the script runs N times in fresh processes that share
HOME and the cache folder; modern: N reruns in one process; either way the events of run
k > 1 follow a ``! run k`` line); legacy only: ``mode: c|stdin`` (run the source as
``python -c`` / ``python -`` would), ``location: <dir>`` (a sub-folder of the working folder
that holds the script, e.g. a hidden one).

Each run happens in a fresh temporary folder (not under a dot-folder or a virtual
environment, so that both libraries hash function bodies), with ``HOME`` and
``CACHELIB_CACHE_DIR`` pointing inside it.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE / "cases"
MODERN_CASES = HERE / "cases_modern"
SNIPPETS = ROOT / "snippets"
OBSERVER = HERE / "observer.py"
MODERN_OBSERVER = HERE / "modern_observer.py"
ZYGOTE = HERE / "zygote.py"
# What a zygote imports before forking, per observer (see zygote.py).
ZYGOTE_PRELOAD = {
    "observer": "streamlit,streamlit.runtime.legacy_caching",
    "modern_observer": "streamlit.testing.v1,streamlit.web.cache_storage_manager_config",
}
LIBS = ("cachelib", "streamlit")
# D1-D13: the contract's required divergences; X1: on_release runs for every entry that leaves
# a cache_resource cache (Streamlit 1.67 skips a refused or replaced one).
CONTRACT_DIVERGENCES = tuple(f"D{n}" for n in range(1, 14))
DIVERGENCES = (*CONTRACT_DIVERGENCES, "X1")
SECTIONS = {
    "1.1": "Signature and parameters",
    "1.2": "Call algorithm",
    "1.3": "Hashing",
    "1.4": "Function-body hashing",
    "1.5": "hash_funcs",
    "1.6": "Output hashing and mutation detection",
    "1.7": "persist, ttl, max_entries, clearing",
    "1.8": "Streamlit commands inside a cached function",
    "1.9": "Exceptions: classes and message facts",
    "1.10": "Bare mode",
}
MODERN_SECTIONS = {
    "2.1": "Signatures, options and clearing",
    "2.2": "Keys",
    "2.3": "hash_funcs",
    "2.4": "UnhashableParamError",
    "2.5": "Return values",
    "2.6": "Elements inside cached functions (replay)",
    "2.7": "Storage, persist, threading",
}


@dataclass(frozen=True)
class Era:
    """One generation of Streamlit's caching API, with its cases and its reference release."""

    name: str
    title: str
    streamlit: str
    cases: Path
    sections: dict[str, str]
    divergences: tuple[str, ...]
    """The divergences its cases must show (those of the contract that apply to the era)."""


ERAS = {
    "legacy": Era(
        name="legacy",
        title="Legacy `st.cache`",
        streamlit="1.35",
        cases=CASES,
        sections=SECTIONS,
        divergences=CONTRACT_DIVERGENCES,
    ),
    "modern": Era(
        name="modern",
        title="Modern `st.cache_data` and `st.cache_resource`",
        streamlit="1.67",
        cases=MODERN_CASES,
        sections=MODERN_SECTIONS,
        # The contract's Modern API section: D1, D5, D6, D9, D10, D11 (and D13, from its
        # table). D5 is left out: 1.67 already computes a missing key once (per-key lock).
        divergences=("D1", "D6", "D9", "D10", "D11", "D13", "X1"),
    ),
}
_BLOCKED = ("site-packages", "dist-packages", "node_modules", "venv", "virtualenv", "pyenv")
_IMPORT = re.compile(r"^(\s*)import cachelib as st\b", re.MULTILINE)
_FROM_IMPORT = re.compile(r"^(\s*)from cachelib import\b", re.MULTILINE)
_PLAIN_IMPORT = re.compile(r"^(\s*)import cachelib\s*$", re.MULTILINE)
RUN_TIMEOUT = 180


class CaseError(ValueError):
    """A case file whose declaration is malformed."""


@dataclass
class Case:
    """One differential case, as its file declares it."""

    path: Path
    title: str
    section: str
    expect: str
    blocks: dict[str, list[str]]
    runs: int = 1
    mode: str = "file"
    location: str = ""
    era: Era = ERAS["legacy"]

    @property
    def id(self) -> str:
        return self.path.stem

    def expected(self, lib: str) -> list[str]:
        return self.blocks["both"] if self.expect == "same" else self.blocks[lib]


def parse_case(path: Path, era: Era = ERAS["legacy"]) -> Case:
    """Read a case's declaration from its module docstring."""
    source = path.read_text(encoding="utf-8")
    if not _IMPORT.search(source):
        raise CaseError(f"{path.name}: a case imports the library as `import cachelib as st`")
    doc = ast.get_docstring(ast.parse(source), clean=False)
    if not doc:
        raise CaseError(f"{path.name}: no docstring declaring the case")
    lines = textwrap.dedent(doc).strip("\n").splitlines()
    end = lines.index("") if "" in lines else len(lines)
    title = " ".join(line.strip() for line in lines[:end])
    keys: dict[str, str] = {}
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines[end:]:
        if not raw.strip():
            continue
        if raw.startswith((" ", "\t")):
            if current is None:
                continue  # continuation of the title or prose
            current.append(raw)
            continue
        key, sep, value = raw.partition(":")
        if not sep:
            current = None
            continue
        key = key.strip()
        if key in ("both", "cachelib", "streamlit") and not value.strip():
            current = blocks.setdefault(key, [])
        else:
            keys[key] = value.strip()
            current = None
    blocks = {name: _dedent_block(body) for name, body in blocks.items()}
    section, expect = keys.get("rule", ""), keys.get("expect", "")
    if section not in era.sections:
        raise CaseError(
            f"{path.name}: rule must be one of {', '.join(era.sections)}, not {section!r}"
        )
    if expect == "same":
        if set(blocks) != {"both"}:
            raise CaseError(f"{path.name}: an expect: same case has exactly one block, both:")
    elif expect in DIVERGENCES:
        if set(blocks) != {"cachelib", "streamlit"}:
            raise CaseError(
                f"{path.name}: a divergence case has a cachelib: and a streamlit: block"
            )
        if blocks["cachelib"] == blocks["streamlit"]:
            raise CaseError(f"{path.name}: the two blocks of a divergence must differ")
    else:
        raise CaseError(f"{path.name}: expect must be same or one of D1-D13 or X1, not {expect!r}")
    if era.name == "modern" and ({"mode", "location"} & set(keys)):
        raise CaseError(f"{path.name}: mode and location are legacy-only keys")
    return Case(
        path=path,
        title=title,
        section=section,
        expect=expect,
        blocks=blocks,
        runs=int(keys.get("runs", "1")),
        mode=keys.get("mode", "file"),
        location=keys.get("location", ""),
        era=era,
    )


def _dedent_block(lines: list[str]) -> list[str]:
    text = textwrap.dedent("\n".join(lines))
    return [line.rstrip() for line in text.splitlines()]


def load_cases(pattern: str | None = None, era: str = "legacy") -> list[Case]:
    """Every case of an era (optionally those whose id contains ``pattern``)."""
    chosen = ERAS[era]
    paths = sorted(chosen.cases.glob("*.py"), key=_case_sort_key)
    return [parse_case(p, chosen) for p in paths if pattern is None or pattern in p.stem]


def _case_sort_key(path: Path) -> tuple[int, ...] | tuple[Any, ...]:
    numbers = re.match(r"(\d+)_(\d+)_", path.name)
    if numbers:
        return (int(numbers.group(1)), int(numbers.group(2)), path.name)
    return (99, 99, path.name)


def swap_import(source: str, lib: str) -> str:
    """Return the source with its cachelib import swapped for ``lib``."""
    if lib == "cachelib":
        return source
    source = _IMPORT.sub(r"\1import streamlit as st", source)
    source = _FROM_IMPORT.sub(r"\1from streamlit import", source)
    return _PLAIN_IMPORT.sub(r"\1import streamlit as cachelib", source)


def line_matches(pattern: str, line: str) -> bool:
    """An expected line matches exactly, or with ``...`` standing for any text."""
    if "..." not in pattern:
        return pattern == line
    parts = [re.escape(part) for part in pattern.split("...")]
    return re.fullmatch(".*".join(parts), line, re.DOTALL) is not None


def events_match(expected: list[str], events: list[str]) -> bool:
    return len(expected) == len(events) and all(
        line_matches(p, e) for p, e in zip(expected, events, strict=True)
    )


def _temp_base() -> Path:
    """A temporary folder that neither library treats as hidden or installed code."""
    base = Path(tempfile.gettempdir()).resolve()
    blocked = [
        part
        for part in PurePath(base).parts[1:]
        if part.startswith(".") or part in _BLOCKED or part.startswith(("anaconda", "miniconda"))
    ]
    return Path("/tmp") if blocked else base


def subprocess_env(root: Path) -> dict[str, str]:
    """The environment of a run: HOME and the cache folder inside ``root``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONWARNINGS", "XDG_CACHE_HOME", "PYTHONSTARTUP"}
        and not key.startswith(("STREAMLIT_", "CACHELIB_", "PYTEST_", "COV_"))
    }
    env.update(
        HOME=str(root / "home"),
        CACHELIB_CACHE_DIR=str(root / "cachelib-cache"),
        CONFORMANCE_ROOT=str(root),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
    )
    return env


@dataclass
class Observation:
    """What one library did on one case (all runs)."""

    events: list[str] = field(default_factory=list)
    status: str = "ok"
    stderr: str = ""
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        events = [line if len(line) <= 500 else line[:497] + "..." for line in self.events]
        if len(events) > 200:
            events = [*events[:200], f"... ({len(events) - 200} more lines)"]
        return {"events": events, "status": self.status, "seconds": round(self.seconds, 2)}


Runner = Callable[[list[str], Path, dict[str, str]], str]
"""Runs an observer command (interpreter first) in a folder with an environment; returns its
standard error (with a note when it timed out)."""


def run_process(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Start the command as a plain process."""
    try:
        completed = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as timeout:
        return f"timed out after {RUN_TIMEOUT} s\n{timeout.stderr or ''}"
    return completed.stderr


class Zygote:
    """One ``zygote.py`` process: Streamlit imported once, a forked child per command."""

    def __init__(self, python: str, observer: str) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="conf-zygote-", dir=_temp_base()))
        (self.root / "home").mkdir()
        self.log = self.root / "zygote.log"
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [python, str(ZYGOTE), "--observer", observer],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                cwd=self.root,
                env={**subprocess_env(self.root), "CONFORMANCE_PRELOAD": ZYGOTE_PRELOAD[observer]},
            )
        self.count = 0

    def run(self, command: list[str], cwd: Path, env: dict[str, str]) -> str:
        self.count += 1
        streams = [self.root / f"{name}-{self.count}.txt" for name in ("stdout", "stderr")]
        request = {
            "argv": command[1:],
            "cwd": str(cwd),
            "env": env,
            "stdout": str(streams[0]),
            "stderr": str(streams[1]),
            "timeout": RUN_TIMEOUT,
        }
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except OSError:
            line = ""
        if not line:
            return "the zygote died:\n" + self.log.read_text(encoding="utf-8", errors="replace")
        reply = json.loads(line)
        stderr = streams[1].read_text(encoding="utf-8", errors="replace")
        for stream in streams:
            stream.unlink(missing_ok=True)
        if reply["timed_out"]:
            stderr = f"timed out after {RUN_TIMEOUT} s\n{stderr}"
        return stderr

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.root, ignore_errors=True)


class Runners:
    """Where each library's observations run: Streamlit's in zygotes (one per pool worker at a
    time), cachelib's in plain processes. ``CONFORMANCE_ZYGOTE=0`` starts plain processes only.
    """

    def __init__(self, python: str) -> None:
        self.python = python
        self.enabled = os.environ.get("CONFORMANCE_ZYGOTE", "1") != "0" and hasattr(os, "fork")
        self.free: dict[str, queue.SimpleQueue[Zygote]] = {}
        self.started: list[Zygote] = []
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def runner(self, lib: str, observer: str) -> Iterator[Runner]:
        if lib != "streamlit" or not self.enabled:
            yield run_process
            return
        with self.lock:
            free = self.free.setdefault(observer, queue.SimpleQueue())
        try:
            zygote = free.get_nowait()
        except queue.Empty:
            zygote = Zygote(self.python, observer)
            with self.lock:
                self.started.append(zygote)
        try:
            yield zygote.run
        finally:
            free.put(zygote)

    def close(self) -> None:
        for zygote in self.started:
            zygote.close()


@contextlib.contextmanager
def _run_folder(
    source: str, lib: str, name: str, location: str = ""
) -> Iterator[tuple[Path, Path, Path]]:
    """A fresh temporary root for one observation, removed after it.

    Yields ``(root, folder, script)``: the root holds ``home/`` and ``work/``; the script,
    ``source`` saved as ``name``, is in ``folder`` (``work/``, or ``work/<location>``).
    """
    root = Path(tempfile.mkdtemp(prefix=f"conf-{lib}-", dir=_temp_base()))
    try:
        (root / "home").mkdir()
        folder = root / "work" / location if location else root / "work"
        folder.mkdir(parents=True)
        script = folder / name
        script.write_text(source, encoding="utf-8")
        yield root, folder, script
    finally:
        shutil.rmtree(root, ignore_errors=True)


def observe(
    source: str,
    lib: str,
    python: str,
    *,
    runs: int = 1,
    mode: str = "file",
    location: str = "",
    name: str = "app.py",
    runner: Runner = run_process,
) -> Observation:
    """Run ``source`` (already written for ``lib``) in fresh processes and record it."""
    start = time.perf_counter()
    with _run_folder(source, lib, name, location) as (root, folder, script):
        observation = Observation()
        for run in range(1, runs + 1):
            if run > 1:
                observation.events.append(f"! run {run}")
            out = root / f"observation-{run}.json"
            command = [python, str(OBSERVER), "--lib", lib, "--mode", mode, "--out", str(out)]
            observation.stderr += runner([*command, str(script)], folder, subprocess_env(root))
            if not out.is_file():
                observation.status = "harness-error"
                observation.events.append("! harness-error (see stderr)")
                break
            data = json.loads(out.read_text(encoding="utf-8"))
            observation.events.extend(data["events"])
            if data["status"] != "ok":
                observation.status = data["status"]
        observation.seconds = time.perf_counter() - start
        return observation


def observe_reruns(
    source: str,
    lib: str,
    python: str,
    *,
    runs: int = 1,
    name: str = "app.py",
    runner: Runner = run_process,
    env: dict[str, str] | None = None,
) -> Observation:
    """Modern era: rerun ``source`` (written for ``lib``) ``runs`` times in one fresh process.

    ``env`` adds variables to the run's environment (see ``RedisDatabases``).
    """
    start = time.perf_counter()
    with _run_folder(source, lib, name) as (root, folder, script):
        out = root / "observation.json"
        command = [python, str(MODERN_OBSERVER), "--lib", lib, "--runs", str(runs)]
        observation = Observation()
        observation.stderr = runner(
            [*command, "--out", str(out), str(script)],
            folder,
            {**subprocess_env(root), **(env or {})},
        )
        if out.is_file():
            data = json.loads(out.read_text(encoding="utf-8"))
            observation.events = data["events"]
            observation.status = data["status"]
        if observation.status == "harness-error" or not out.is_file():
            observation.status = "harness-error"
            observation.events.append("! harness-error (see stderr)")
        observation.seconds = time.perf_counter() - start
        return observation


@dataclass
class CaseResult:
    """A case, both observations and the verdict."""

    case: Case
    observations: dict[str, Observation]
    outcome: str = ""
    ok: bool = False
    problems: list[str] = field(default_factory=list)

    def judge(self) -> None:
        case, problems = self.case, self.problems
        cachelib, streamlit = (self.observations[lib] for lib in LIBS)
        for lib, observation in self.observations.items():
            if observation.status == "harness-error":
                problems.append(f"{lib}: the observer failed:\n{observation.stderr[-3000:]}")
        cachelib_ok = events_match(case.expected("cachelib"), cachelib.events)
        streamlit_ok = events_match(case.expected("streamlit"), streamlit.events)
        if not cachelib_ok:
            problems.append(
                "cachelib does not do what the contract says"
                + (" (real cachelib bug?)" if case.expect == "same" and streamlit_ok else "")
            )
        if not streamlit_ok:
            release = f"Streamlit {case.era.streamlit}"
            problems.append(
                f"{release} does not reproduce the catalogue"
                if case.expect == "same"
                else f"{release} does not show the flaw of {case.expect}"
            )
        # Legacy: a same case also needs identical observations. Modern: a `...` in a both:
        # line marks text the two word differently (Python names the decorator `cache_data()`
        # in cachelib's messages, `CacheDataAPI.__call__()` in Streamlit's), so the block decides.
        strict = case.era.name == "legacy"
        if case.expect == "same" and strict and cachelib.events != streamlit.events:
            problems.append("the two observations differ")
        self.ok = not problems
        self.outcome = case.expect if self.ok else "FAIL"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.case.id,
            "file": self.case.path.relative_to(ROOT).as_posix(),
            "section": self.case.section,
            "title": self.case.title,
            "expect": self.case.expect,
            "outcome": self.outcome,
            "ok": self.ok,
            "problems": self.problems,
            "observations": {lib: obs.to_json() for lib, obs in self.observations.items()},
        }


class RedisDatabases:
    """One Redis database of ``$REDIS_URL``'s server for each observation that uses Redis.

    ``nox -s conformance`` runs the suite beside a private ``redis-server``
    (``python -m tools.redis_server``), as ``nox -s tests`` does for the same examples. An
    observation of a script that reads ``REDIS_URL`` gets that server with a database of its
    own (1 to 15), so that observations running at the same time never see each other's keys,
    and the ``CACHELIB_SECRET`` the replicas share. Without ``REDIS_URL`` nothing is added.
    """

    def __init__(self) -> None:
        self.url = os.environ.get("REDIS_URL", "")
        self.free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for number in range(1, 16):
            self.free.put(number)

    @contextlib.contextmanager
    def env(self, job: Job) -> Iterator[dict[str, str]]:
        if not (self.url and job.uses_redis):
            yield {}
            return
        number = self.free.get()
        try:
            base = self.url.rsplit("/", 1)[0] if self.url.count("/") > 2 else self.url
            env = {"REDIS_URL": f"{base}/{number}"}
            if os.environ.get("CACHELIB_SECRET"):
                env["CACHELIB_SECRET"] = os.environ["CACHELIB_SECRET"]
            yield env
        finally:
            self.free.put(number)


@dataclass(frozen=True)
class Job:
    """One observation to make: a script (written for cachelib) run with one library."""

    source: str
    lib: str
    modern: bool
    runs: int = 1
    mode: str = "file"
    location: str = ""
    name: str = "app.py"

    @property
    def uses_redis(self) -> bool:
        """Whether the script reads ``REDIS_URL`` (the "Scaling out" examples)."""
        return "REDIS_URL" in self.source

    @property
    def slowness(self) -> tuple[bool, int]:
        """Those that sleep first, then those that run most (the pool ends on no long tail)."""
        return ("sleep(" in self.source, self.runs)


def _pool_map(function: Callable[[Any], Any], items: Iterable[Any], jobs: int) -> list[Any]:
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(function, items))


def observe_all(work: list[Job], python: str, jobs: int) -> list[Observation]:
    """Make every observation, ``jobs`` at a time, in one pool (one set of zygotes)."""
    runners = Runners(python)
    databases = RedisDatabases()

    def task(job: Job) -> Observation:
        source = swap_import(job.source, job.lib)
        if job.modern:
            with runners.runner(job.lib, "modern_observer") as runner, databases.env(job) as env:
                return observe_reruns(
                    source, job.lib, python, runs=job.runs, name=job.name, runner=runner, env=env
                )
        with runners.runner(job.lib, "observer") as runner:
            return observe(
                source,
                job.lib,
                python,
                runs=job.runs,
                mode=job.mode,
                location=job.location,
                name=job.name,
                runner=runner,
            )

    order = sorted(range(len(work)), key=lambda i: work[i].slowness, reverse=True)
    try:
        done = _pool_map(task, [work[i] for i in order], jobs)
    finally:
        runners.close()
    observations: list[Observation] = [Observation()] * len(work)
    for position, index in enumerate(order):
        observations[index] = done[position]
    return observations


def case_jobs(case: Case) -> list[Job]:
    """A case's two observations (cachelib first)."""
    source = case.path.read_text(encoding="utf-8")
    return [
        Job(
            source,
            lib,
            modern=case.era.name == "modern",
            runs=case.runs,
            mode=case.mode,
            location=case.location,
        )
        for lib in LIBS
    ]


def judge_cases(cases: list[Case], observations: list[Observation]) -> list[CaseResult]:
    """Judge each case from its two observations (in the order of ``case_jobs``)."""
    results = []
    for index, case in enumerate(cases):
        pair = dict(zip(LIBS, observations[2 * index : 2 * index + 2], strict=True))
        result = CaseResult(case, pair)
        result.judge()
        results.append(result)
    return results


def run_cases(cases: list[Case], python: str, jobs: int) -> list[CaseResult]:
    """Observe every case with both libraries (``jobs`` processes at a time) and judge it."""
    work = [job for case in cases for job in case_jobs(case)]
    return judge_cases(cases, observe_all(work, python, jobs))


# --- snippets -------------------------------------------------------------------------------


@dataclass
class SnippetResult:
    """A site snippet run against both libraries, and why they differ if they do."""

    path: str
    observations: dict[str, Observation]
    outcome: str = ""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "outcome": self.outcome,
            "reason": self.reason,
            "observations": {lib: obs.to_json() for lib, obs in self.observations.items()},
        }


def discover_snippets() -> list[Path]:
    """The site's snippets, found when the run starts (others may be adding some)."""
    return sorted(SNIPPETS.rglob("*.py")) if SNIPPETS.is_dir() else []


def snippet_jobs(path: Path) -> list[Job]:
    """A legacy-era snippet's two observations (cachelib first), bare mode."""
    source = path.read_text(encoding="utf-8")
    return [Job(source, lib, modern=False, name=path.name) for lib in LIBS]


def run_snippets(paths: list[Path], python: str, jobs: int) -> list[SnippetResult]:
    """Run each snippet as written (cachelib) and with the import swapped (Streamlit)."""
    work = [job for path in paths for job in snippet_jobs(path)]
    return classify_snippets(paths, observe_all(work, python, jobs))


def classify_snippets(paths: list[Path], observations: list[Observation]) -> list[SnippetResult]:
    """Classify each legacy-era snippet from its two observations (see snippet_notes.py)."""
    from .snippet_notes import classify

    results = []
    for index, path in enumerate(paths):
        pair = dict(zip(LIBS, observations[2 * index : 2 * index + 2], strict=True))
        relative = path.relative_to(SNIPPETS).as_posix()
        source = path.read_text(encoding="utf-8")
        outcome, reason = classify(relative, source, pair["cachelib"], pair["streamlit"])
        results.append(SnippetResult(relative, pair, outcome, reason))
    return results


def interpreter_versions(python: str) -> dict[str, str]:
    """Versions of Python and the packages in the interpreter that ran the cases."""
    probe = textwrap.dedent(
        """
        import json, platform, sys
        from importlib import metadata
        found = {"python": platform.python_version()}
        for name, dist in [("cachelib", "cachelib-reference"), ("streamlit", "streamlit"),
                           ("numpy", "numpy"), ("pandas", "pandas"), ("pyarrow", "pyarrow")]:
            try:
                found[name] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                found[name] = "not installed"
        print(json.dumps(found))
        """
    )
    completed = subprocess.run(
        [python, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    versions: dict[str, str] = json.loads(completed.stdout)
    return versions


def default_python() -> str:
    """The interpreter the cases run with: $CONFORMANCE_PYTHON, else this one."""
    return os.environ.get("CONFORMANCE_PYTHON") or sys.executable
