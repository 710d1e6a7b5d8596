"""Shared storage on Redis: a shared hit against plain redis-py, and a cold start of 8 processes.

Run on its own (``python -m tests.benchmarks.redis_bench [--quick]``, in an environment with
cachelib's ``redis`` extra and a redis-server, see ``tools/redis_server.py``), or through
`measure` from the bench runner. Two targets:

- **shared hit**: a call whose value another process stored (this process's memory is
  emptied before each sample, untimed) against a plain redis-py ``GET`` of the same pickled
  bytes on the same server (``client.get``), measured in alternating rounds; the target is
  1.3 times. Also reported: that ``GET`` followed by ``pickle.loads`` (what a hand-written
  cache does to return the value), and a ``GET`` on a connection the caller holds (no pool,
  the cheapest read redis-py offers, which is how cachelib reads a shared hit).
  The target against ``GET`` holds for the small value only: for the medium and large ones,
  unpickling the rows costs several times the ``GET`` itself (a 0.4 MB pickle of 10,000
  dicts takes milliseconds to load, its ``GET`` a fraction of one), so no cache that returns
  the value can come within 1.3 times of the ``GET``; those sizes are judged against
  ``GET`` + ``pickle.loads`` instead (`JUDGED_AGAINST`);
- **cold start**: 8 processes call the same 4 keys at the same moment: exactly 4 runs of
  the function, and the wall time is close to one run's (the others wait for the values).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORKLOAD = ROOT / "tests" / "redis_store" / "redis_workload.py"
HIT_TARGET = 1.3
JUDGED_AGAINST = {"small": "get", "medium": "get_loads", "large": "get_loads"}
"""What each size's shared hit is held to (within `HIT_TARGET`): the plain ``GET`` where
unpickling is a small part of a hit, else ``GET`` + ``pickle.loads`` (see the docstring)."""
SECRET = "bench-secret-" + "x" * 32


def _value(size: str) -> Any:
    """A value of a typical kind: rows of a table (439 B, 43 KB or 439 KB pickled)."""
    rows = {"small": 10, "medium": 1_000, "large": 10_000}[size]
    return [
        {"id": i, "name": f"item {i}", "price": i * 0.5, "tags": ["a", "b"]} for i in range(rows)
    ]


def _interleaved(contenders: dict[str, Any], rounds: int, batch: int) -> dict[str, float]:
    """Median over rounds of each contender's mean time per call; rounds alternate contenders."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, (call, before) in contenders.items():
            total = 0.0
            for _ in range(batch):
                before()
                start = time.perf_counter()
                call()
                total += time.perf_counter() - start
            times[name].append(total / batch)
    return {name: statistics.median(values) for name, values in times.items()}


def shared_hit(url: str, size: str, samples: int) -> dict[str, Any]:
    """Time a shared hit of cachelib against ``GET`` (and ``GET`` + loads, and a held ``GET``).

    Args:
        url: The server's URL.
        size: ``"small"``, ``"medium"`` or ``"large"`` (`_value`).
        samples: Calls timed per contender (in rounds of 10, alternating contenders).

    Returns:
        One row of ``measure()["hits"]`` (its docstring lists the fields).
    """
    import redis

    import cachelib as st

    value = _value(size)

    @st.cache_data(persist=url, show_spinner=False)
    def rows(size: str) -> Any:
        return value

    rows(size)  # stored in Redis by this "other replica"
    state = rows.__cachelib_state__  # type: ignore[attr-defined]
    client = redis.Redis.from_url(url, socket_timeout=3.0, socket_connect_timeout=1.0)
    payload = pickle.dumps(value, protocol=5)
    client.set("bench:plain", payload)
    client.get("bench:plain")
    pool = client.connection_pool
    held = pool.connection_class(**pool.connection_kwargs)  # one connection, no pool

    def held_get() -> Any:
        held.send_command("GET", "bench:plain")
        return held.read_response()

    def forget() -> None:
        state.store.clear()

    def nothing() -> None:
        pass

    def hit() -> None:
        rows(size)

    for _ in range(20):  # warm both paths
        forget()
        hit()
        client.get("bench:plain")
        held_get()
    measured = _interleaved(
        {
            "cachelib_hit": (hit, forget),
            "get": (lambda: client.get("bench:plain"), nothing),
            "get_loads": (lambda: pickle.loads(client.get("bench:plain")), nothing),  # type: ignore[arg-type]
            "get_held": (held_get, nothing),
        },
        rounds=samples // 10,
        batch=10,
    )
    assert pickle.loads(held_get()) == value
    held.disconnect()
    client.delete("bench:plain")
    st.cache_data.clear()
    cachelib_hit = measured["cachelib_hit"]
    judged_against = JUDGED_AGAINST[size]
    ratio = cachelib_hit / measured[judged_against]
    return {
        "bytes": len(payload),
        "cachelib_hit": cachelib_hit,
        "get": measured["get"],
        "get_loads": measured["get_loads"],
        "ratio_get": cachelib_hit / measured["get"],
        "ratio_get_loads": cachelib_hit / measured["get_loads"],
        "get_held": measured["get_held"],
        "ratio_get_held": cachelib_hit / measured["get_held"],
        "judged_against": judged_against,
        "met": ratio <= HIT_TARGET,
    }


def cold_start(url: str, sleep: float = 0.5, processes: int = 8) -> dict[str, float]:
    """8 processes, 4 cold keys, each run sleeping ``sleep``: count runs, measure wall time."""
    keys = ["a", "b", "c", "d"]
    with tempfile.TemporaryDirectory(prefix="redis-bench-") as folder:
        log, go, ready = Path(folder, "runs"), Path(folder, "go"), Path(folder, "ready")
        ready.mkdir()
        env = {**os.environ, "CACHELIB_SECRET": SECRET}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        common = ["--url", url, "--runs", str(log), "--go", str(go), "--sleep", str(sleep)]
        common += ["--ready", str(ready)]
        workers = [
            subprocess.Popen(
                [sys.executable, str(WORKLOAD), *common, "--keys", ",".join(keys[i:] + keys[:i])],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in (n % 4 for n in range(processes))
        ]
        deadline = time.monotonic() + 120
        while len(list(ready.iterdir())) < processes:  # every worker imported what it needs
            if time.monotonic() > deadline:
                raise RuntimeError("the workers did not start")
            time.sleep(0.01)
        time.sleep(0.2)
        start = time.time()
        go.touch()
        outputs = [worker.communicate(timeout=300) for worker in workers]
        for worker, (_, err) in zip(workers, outputs, strict=True):
            if worker.returncode != 0:
                raise RuntimeError(f"a worker failed:\n{err}")
        done = [
            float(line.split()[1])
            for out, _ in outputs
            for line in out.splitlines()
            if line.startswith("done:")
        ]
        wall = max(done) - start  # from the start line to the last worker's last value
        runs = [line.split()[1] for line in log.read_text().splitlines()]
    return {
        "processes": processes,
        "keys": len(keys),
        "runs": len(runs),
        "distinct_runs": len(set(runs)),
        "one_run": sleep,
        "wall": wall,
    }


def measure(quick: bool = False) -> dict[str, Any]:
    """Run both benchmarks against a private redis-server; return the results.

    Args:
        quick: Fewer samples, the small and medium values only.

    Returns:
        A dict (written to JSON as it is), with the keys:

        - ``"server"``: ``"redis-server <version>"``;
        - ``"hits"``: ``{size: row}`` for ``"small"``, ``"medium"`` (and ``"large"`` unless
          quick), each row holding ``bytes`` (the pickled value's size), the medians per
          call in seconds ``cachelib_hit``, ``get`` (redis-py's ``client.get``),
          ``get_loads`` (``pickle.loads(client.get(...))``) and ``get_held`` (``GET`` on a
          connection the caller holds, outside the pool), the ratios of ``cachelib_hit`` to
          each, ``ratio_get``, ``ratio_get_loads`` and ``ratio_get_held``, then
          ``judged_against`` (``"get"`` or ``"get_loads"``: what the target holds this size
          to, `JUDGED_AGAINST`) and ``met`` (that ratio is at most `HIT_TARGET`);
        - ``"cold"``: ``processes``, ``keys``, ``runs`` (runs of the function counted),
          ``distinct_runs`` (keys among them), ``one_run`` (seconds one run sleeps) and
          ``wall`` (seconds from the start to the last value);
        - ``"targets"``: ``{name: bool}``, one shared-hit target per size (named with what
          it is compared with) and the two cold-start targets.
    """
    sys.path.insert(0, str(ROOT))
    from tools.redis_server import RedisServer

    os.environ.setdefault("CACHELIB_SECRET", SECRET)
    samples = 100 if quick else 500
    sizes = ["small", "medium"] if quick else ["small", "medium", "large"]
    with RedisServer() as server:
        hits = {size: shared_hit(server.url, size, samples) for size in sizes}
        cold = cold_start(server.url)
        version = ".".join(map(str, server.version))
    compared = {"get": "GET", "get_loads": "GET + loads (unpickling dominates)"}
    targets = {
        f"shared hit, {size} value: <= {HIT_TARGET} x {compared[hit['judged_against']]}": hit["met"]
        for size, hit in hits.items()
    }
    targets.update(
        {
            "cold start: exactly 4 runs": cold["runs"] == cold["keys"] == cold["distinct_runs"],
            "cold start: wall within 0.5 s of one run": cold["wall"] < cold["one_run"] + 0.5,
        }
    )
    return {"server": f"redis-server {version}", "hits": hits, "cold": cold, "targets": targets}


def table(results: dict[str, Any]) -> str:
    """Format the results as a Markdown table and a line about the cold start."""
    lines = [
        f"Shared hits ({results['server']}, medians):",
        "",
        "| value | pickled | cachelib hit | GET | GET + loads | held GET "
        "| vs GET | vs GET + loads | vs held GET | judged against |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size, hit in results["hits"].items():
        lines.append(
            f"| {size} | {hit['bytes']:,} B | {hit['cachelib_hit'] * 1e6:.0f} µs "
            f"| {hit['get'] * 1e6:.0f} µs | {hit['get_loads'] * 1e6:.0f} µs "
            f"| {hit['get_held'] * 1e6:.0f} µs "
            f"| {hit['ratio_get']:.2f}× | {hit['ratio_get_loads']:.2f}× "
            f"| {hit['ratio_get_held']:.2f}× "
            f"| {'GET' if hit['judged_against'] == 'get' else 'GET + loads'} |"
        )
    cold = results["cold"]
    lines += [
        "",
        "Medium and large values are judged against GET + loads: unpickling them costs several "
        "times the GET, so no cache that returns the value can come within "
        f"{HIT_TARGET}× of the GET alone.",
        "",
        f"Cold start: {cold['processes']} processes × {cold['keys']} keys: {cold['runs']} runs, "
        f"{cold['wall']:.2f} s wall for a {cold['one_run']:.1f} s function.",
        "",
        *(f"- {name}: {'met' if met else 'MISSED'}" for name, met in results["targets"].items()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the results (and their JSON with --json); exit 1 if the cold start ran more."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.redis_bench")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results there")
    args = parser.parse_args(argv)
    results = measure(quick=args.quick)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    # Timings are reported, not enforced (a shared machine is noisy); a second run is a bug.
    return 0 if results["targets"]["cold start: exactly 4 runs"] else 1


if __name__ == "__main__":
    sys.exit(main())
