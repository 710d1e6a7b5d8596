"""Floats are keyed by their IEEE-754 bits on every path of the hasher (D2, issue 11 item 9).

``nan``, ``-nan`` and NaNs of other payloads are different keys, so are ``0.0`` and ``-0.0``;
two NaNs with the same bits are one key. Checked for a float alone, inside containers and
sets, as a NumPy scalar, as what a ``hash_funcs`` function returns, and under a ``hash_funcs``
rule for ``float`` itself (the canonical pass).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cachelib
from cachelib._internal.hashing import Hasher, normalize_hash_funcs

np = pytest.importorskip("numpy")


def from_bits(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", bits))[0]  # type: ignore[no-any-return]


def bits_of(value: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", value))[0]  # type: ignore[no-any-return]


class Reading:
    """A value whose hash function returns a float."""

    def __init__(self, value: float) -> None:
        self.value = value


PLAIN = Hasher({}, "arguments", "f").digest
THROUGH_RESULT = Hasher(normalize_hash_funcs({Reading: lambda r: r.value}), "arguments", "f").digest
FLOAT_RULE = Hasher(normalize_hash_funcs({float: lambda v: v}), "arguments", "f").digest

PATHS: dict[str, Callable[[float], bytes]] = {
    "scalar": PLAIN,
    "in-list": lambda v: PLAIN([v]),
    "in-tuple": lambda v: PLAIN((1, v)),
    "dict-value": lambda v: PLAIN({"k": v}),
    "dict-key": lambda v: PLAIN({v: 1}),
    "in-set": lambda v: PLAIN({v, "x"}),
    "in-frozenset": lambda v: PLAIN(frozenset({v})),
    "numpy-float64": lambda v: PLAIN(np.float64(v)),
    "numpy-float64-in-list": lambda v: PLAIN([np.float64(v)]),
    "numpy-array": lambda v: PLAIN(np.array([v])),
    "object-array": lambda v: PLAIN(np.array([v, None], dtype=object)),
    "hash-funcs-result": lambda v: THROUGH_RESULT(Reading(v)),
    "hash-funcs-for-float": FLOAT_RULE,
    "hash-funcs-for-float-in-set": lambda v: FLOAT_RULE({v}),
}

NAN = 0x7FF8000000000000
SPECIAL_BITS = {
    "nan": NAN,
    "-nan": NAN | 1 << 63,
    "nan-payload-1": NAN | 1,
    "nan-payload-high": NAN | 0x0004000000000000,
    "signalling-nan": 0x7FF0000000000001,
    "0.0": 0,
    "-0.0": 1 << 63,
    "inf": 0x7FF0000000000000,
    "-inf": 0xFFF0000000000000,
    "0.5": bits_of(0.5),
    "2**60": bits_of(2.0**60),
}


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_nans_of_other_signs_and_payloads_and_signed_zeros_are_different_keys(
    path: Callable[[float], bytes],
) -> None:
    digests = {name: path(from_bits(bits)) for name, bits in SPECIAL_BITS.items()}

    assert len(set(digests.values())) == len(digests), digests


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_two_nans_with_the_same_bits_are_one_key(path: Callable[[float], bytes]) -> None:
    for bits in (NAN, NAN | 1 << 63, NAN | 12345):
        first, second = from_bits(bits), from_bits(bits)
        assert first is not second
        assert path(first) == path(second)


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
@settings(max_examples=150, deadline=None)
@given(first=st.integers(0, 2**64 - 1), second=st.integers(0, 2**64 - 1))
def test_any_two_floats_with_different_bits_get_different_keys(
    path: Callable[[float], bytes], first: int, second: int
) -> None:
    assert (path(from_bits(first)) == path(from_bits(second))) == (first == second)


@pytest.mark.parametrize(
    ("dtype", "width"), [("float32", 32), ("float16", 16)], ids=["float32", "float16"]
)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_narrow_numpy_floats_with_different_bits_get_different_keys(
    dtype: str, width: int, data: st.DataObject
) -> None:
    first = data.draw(st.integers(0, 2**width - 1))
    second = data.draw(st.integers(0, 2**width - 1))

    def scalar(bits: int) -> Any:
        raw = bits.to_bytes(width // 8, "little")
        return np.frombuffer(raw, dtype=f"<{dtype[0]}{width // 8}")[0]

    assert (PLAIN(scalar(first)) == PLAIN(scalar(second))) == (first == second)


def test_cached_function_tells_nan_payloads_and_signed_zeros_apart_in_containers() -> None:
    @cachelib.cache
    def echo(values: list[float]) -> list[int]:
        return [bits_of(value) for value in values]

    for bits in SPECIAL_BITS.values():
        assert echo([from_bits(bits)]) == [bits]
