"""The Performance page's plot: each key case's times as multiples of the memory-read time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .contenders import CACHELIB, STREAMLIT


def read_time(results: dict[str, Any], case: dict[str, Any], nbytes: int | None) -> float | None:
    """Seconds one core needs to read ``nbytes``, at the bandwidth measured in the case's rounds."""
    limit = case.get("limit") or results["limit"]
    return None if not nbytes else nbytes / limit["bytes_per_s"]


def draw(results: dict[str, Any], path: Path) -> bool:
    """Dot plot: each key case's time per contender as a multiple of the one-core read time."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    cases = [case for case in results["cases"] if case["group"] == "key"]
    styles = {
        CACHELIB: ("o", "#1b7837"),
        "joblib.hash": ("s", "#2166ac"),
        "pickle + md5": ("D", "#762a83"),
        STREAMLIT: ("^", "#b2182b"),
    }
    plt.rcParams["svg.hashsalt"] = "cachelib-bench"
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(cases) + 2.4))
    labels = []
    for y, case in enumerate(reversed(cases)):
        labels.append(case["title"].split(" (")[0] if len(case["title"]) > 60 else case["title"])
        floor = read_time(results, case, case["payload_bytes"])
        for name, (marker, color) in styles.items():
            entry = case["results"].get(name, {})
            if entry.get("status") != "ok" or not floor:
                continue
            sampled = entry.get("sampled", False)
            ax.scatter(
                entry["median_s"] / floor,
                y,
                marker=marker,
                s=55,
                facecolors="none" if sampled else color,
                edgecolors=color,
                label=f"{name} (sampled: not exact)" if sampled else name,
                zorder=3,
            )
    ax.axvline(1.0, color="0.3", linewidth=1, linestyle="--", label="one core's read time")
    ax.axvline(1.5, color="0.6", linewidth=1, linestyle=":", label="1.5× read time (target)")
    ax.set_xscale("log")
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_xlabel("median time ÷ one core's memory-read time of the payload (log scale)")
    ax.grid(axis="x", which="major", color="0.9", zorder=0)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles, strict=False))
    fig.legend(
        unique.values(), unique.keys(), fontsize=8, loc="lower center", ncol=3, frameon=False
    )
    ax.set_title("Key of each value: time relative to reading it once", fontsize=10)
    fig.tight_layout(rect=(0, 0.14, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return True
