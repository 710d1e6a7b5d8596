"""The benchmark inputs, their sizes in each mode, and a one-element change of each.

Every builder is deterministic (fixed seeds). The change probes edit one element at a
position that Streamlit's sampled hashers skip, found by replaying their fixed-seed sample.
Streamlit 1.35 and 1.67 draw the same sample (seed 0, the same sizes); 1.67 starts sampling
at smaller inputs, so a position is looked for from 1.67's thresholds on, and then both
versions skip it.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass
from typing import Any

# Streamlit 1.35 legacy hasher: arrays of at least this many elements are sampled...
NP_SAMPLED_FROM = 1_000_000
NP_SAMPLE_SIZE = 100_000
# ...and frames of at least this many rows.
PD_SAMPLED_FROM = 100_000
PD_SAMPLE_SIZE = 10_000
# Streamlit 1.67's modern hasher (st.cache_data, st.cache_resource, seed option left at 0):
# the same samples, from these sizes on.
ST167_NP_SAMPLED_FROM = 500_000
ST167_PD_SAMPLED_FROM = 50_000


@dataclass(frozen=True)
class Sizes:
    """The size of every case in one mode."""

    small_array: int  # float64 elements
    large_array: int
    small_frame: int  # rows
    large_frame: int
    dicts: int
    string: int  # characters (ASCII, so also bytes)
    hit_frame: int  # rows of the f(DataFrame) argument
    returned_frame: int  # rows of the returned frame re-checked on every hit
    limit_bytes: int  # the memory-read probe's buffer


FULL = Sizes(
    small_array=1_000_000,
    large_array=100_000_000,
    small_frame=100_000,
    large_frame=10_000_000,
    dicts=100_000,
    string=100_000_000,
    hit_frame=100_000,
    returned_frame=1_000_000,
    limit_bytes=1_000_000_000,
)
QUICK = Sizes(
    small_array=1_000_000,
    large_array=25_000_000,
    small_frame=100_000,
    large_frame=500_000,
    dicts=20_000,
    string=20_000_000,
    hit_frame=100_000,
    returned_frame=1_000_000,
    limit_bytes=1_000_000_000,
)


def array(n: int) -> Any:
    """A float64 array of ``n`` random numbers."""
    import numpy as np

    return np.random.default_rng(0).random(n)


def unsampled_element(n: int) -> int:
    """An index near the middle that Streamlit's samples of an ``n``-element array skip."""
    import numpy as np

    if n < min(NP_SAMPLED_FROM, ST167_NP_SAMPLED_FROM):
        return n // 2
    # RandomState.choice(a, size) draws randint(0, len(a), size): replay it.
    sampled = set(np.random.RandomState(0).randint(0, n, size=NP_SAMPLE_SIZE).tolist())
    return next(i for i in range(n // 2, n) if i not in sampled)


def changed_array(a: Any) -> Any:
    """A copy of ``a`` with one unsampled element changed."""
    b = a.copy()
    b.flat[unsampled_element(a.size)] += 1000.0
    return b


def frame(rows: int) -> Any:
    """A DataFrame of mixed column types: int64, float64, str (object), bool, datetime64."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "i": rng.integers(0, 1 << 40, rows),
            "f": rng.random(rows),
            "s": [f"item-{x}" for x in rng.integers(0, 1 << 30, rows).tolist()],
            "b": rng.random(rows) < 0.5,
            "t": pd.date_range("2020-01-01", periods=rows, freq="s"),
        }
    )


def unsampled_row(df: Any) -> int:
    """A row position near the middle that Streamlit's ``df.sample`` skips (both versions)."""
    rows = len(df)
    if rows < min(PD_SAMPLED_FROM, ST167_PD_SAMPLED_FROM):
        return rows // 2
    sampled = set(df.index.get_indexer(df.sample(n=PD_SAMPLE_SIZE, random_state=0).index))
    return next(i for i in range(rows // 2, rows) if i not in sampled)


def changed_frame(df: Any) -> Any:
    """A copy of ``df`` with one unsampled cell of column ``f`` changed."""
    changed = df.copy()
    column = changed.columns.get_loc("f")
    changed.iloc[unsampled_row(df), column] += 1000.0
    return changed


def numeric_frame(rows: int) -> Any:
    """A numeric DataFrame (three float64 and two int64 columns)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    columns: dict[str, Any] = {name: rng.random(rows) for name in "abc"}
    columns.update({name: rng.integers(0, 1 << 40, rows) for name in "de"})
    return pd.DataFrame(columns)


def dicts(n: int) -> list[dict[str, Any]]:
    """``n`` small dicts of builtins."""
    return [
        {"id": i, "name": f"user-{i}", "score": i * 0.5, "active": i % 2 == 0} for i in range(n)
    ]


def changed_dicts(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A deep copy of ``items`` with the last dict's score changed."""
    changed = copy.deepcopy(items)
    changed[-1]["score"] += 1.0
    return changed


def string(n: int) -> str:
    """An ASCII string of ``n`` characters (not a repetition of one character)."""
    unit = "".join(chr(32 + (i * 7) % 95) for i in range(4096))
    return (unit * (n // len(unit) + 1))[:n]


def changed_string(s: str) -> str:
    """``s`` with its middle character changed."""
    middle = len(s) // 2
    return s[:middle] + ("a" if s[middle] != "a" else "b") + s[middle + 1 :]


def equal_string(s: str) -> str:
    """An equal but distinct string object."""
    return "".join([s[: len(s) // 2], s[len(s) // 2 :]])


def payload_bytes(obj: Any) -> int:
    """The bytes a hasher must read: nbytes, deep memory use of a frame, or the pickle length."""
    nbytes = getattr(obj, "nbytes", None)
    if isinstance(nbytes, int) and not hasattr(obj, "memory_usage"):
        return nbytes
    if hasattr(obj, "memory_usage"):
        return int(obj.memory_usage(deep=True).sum())
    if isinstance(obj, str) and obj.isascii():
        return len(obj)
    return len(pickle.dumps(obj, protocol=5))
