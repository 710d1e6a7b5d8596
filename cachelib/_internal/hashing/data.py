# Exact, canonical reductions of NumPy arrays and pandas objects, read from their buffers.
"""Canonical encodings of NumPy and pandas objects.

Equal arrays and frames must give equal keys, whatever their memory layout, chunking or
pickle format (pandas 3 pickles equal frames to different bytes), and any change of an
element, dtype, shape, column name, index, name or order must change the key
(contract D1). Large numeric buffers are handed to the hasher without copying.

This module imports NumPy (and pandas / pyarrow lazily) and is only imported once an
object of those libraries is met, so ``import cachelib`` stays cheap.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable
from typing import Any, cast

import numpy as np

from .markers import meta, tagged

Reduction = tuple[Any, tuple[Any, ...]]


def _dtype_text(dtype: Any) -> str:
    if dtype.names is None and dtype.subdtype is None:
        return str(dtype.str)
    return repr(dtype.descr)


def reduce_ndarray(array: Any) -> Reduction:
    """Reduce an ndarray to its dtype, shape and C-ordered data.

    Args:
        array: A ``numpy.ndarray`` (exact type).

    Returns:
        A reduction whose data part is a zero-copy buffer when the array is
        C-contiguous, or the list of elements for object arrays.
    """
    dtype = array.dtype
    if dtype.hasobject:
        data: Any = array.ravel(order="C").tolist()
    else:
        contiguous = np.ascontiguousarray(array)
        if dtype.kind in "mM":  # datetime64 / timedelta64 export no buffer
            contiguous = contiguous.view(np.int64)
        data = pickle.PickleBuffer(cast(Any, contiguous))
    return tagged, (b"ndarray", meta(_dtype_text(dtype), tuple(array.shape)), data)


def _arrow_parts(chunked: Any) -> tuple[Any, ...]:
    import pyarrow as pa

    kind = chunked.type
    if chunked.num_chunks == 1:
        array = chunked.chunk(0)
    else:
        array = chunked.combine_chunks() if chunked.num_chunks else pa.array([], type=kind)
    type_text = str(kind)
    if array.null_count:
        # Values under a null slot are undefined; the exact Python values are canonical.
        return (b"arrow-list", meta(type_text), array.to_pylist())
    small = pa.types.is_string(kind) or pa.types.is_binary(kind)
    large = pa.types.is_large_string(kind) or pa.types.is_large_binary(kind)
    if small or large:
        length = len(array)
        buffers = array.buffers()
        if length == 0 or buffers[1] is None:
            return (b"arrow-bytes", meta(type_text, 0), b"", b"")
        offsets = np.frombuffer(
            buffers[1],
            dtype=np.int32 if small else np.int64,
            count=length + 1,
            offset=array.offset * (4 if small else 8),
        )
        start, end = int(offsets[0]), int(offsets[-1])
        normalized = (offsets - start).astype(np.int64)
        data = buffers[2].slice(start, end - start) if buffers[2] is not None else b""
        return (
            b"arrow-bytes",
            meta(type_text, length),
            pickle.PickleBuffer(cast(Any, normalized)),
            pickle.PickleBuffer(data),
        )
    if pa.types.is_primitive(kind) and not pa.types.is_boolean(kind):
        return (b"arrow-primitive", meta(type_text), array.to_numpy(zero_copy_only=False))
    return (b"arrow-list", meta(type_text), array.to_pylist())


def _array_parts(values: Any, dtype: Any) -> tuple[Any, ...]:
    import pandas as pd

    dtype_text = str(dtype)
    if isinstance(dtype, np.dtype):
        return (b"numpy", meta(dtype_text), np.asarray(values))
    if isinstance(dtype, pd.CategoricalDtype):
        return (
            b"categorical",
            meta(dtype_text, bool(dtype.ordered)),
            index_parts(dtype.categories),
            np.asarray(values.codes),
        )
    if isinstance(dtype, (pd.DatetimeTZDtype, pd.PeriodDtype)):
        return (b"int64-view", meta(dtype_text), np.asarray(values.asi8))
    if hasattr(values, "__arrow_array__") and (
        isinstance(dtype, pd.ArrowDtype) or getattr(dtype, "storage", None) == "pyarrow"
    ):
        return (b"arrow", meta(dtype_text), _arrow_parts(values.__arrow_array__()))
    numpy_dtype = getattr(dtype, "numpy_dtype", None)
    if isinstance(numpy_dtype, np.dtype) and numpy_dtype.kind in "biuf":
        mask = np.asarray(values.isna(), dtype=bool)
        filled = values.to_numpy(dtype=numpy_dtype, na_value=numpy_dtype.type(0))
        return (b"masked", meta(dtype_text), mask, filled)
    return (b"objects", meta(dtype_text), np.asarray(values, dtype=object))


def index_parts(index: Any) -> tuple[Any, ...]:
    """Return the canonical parts of a pandas Index.

    Args:
        index: Any ``pandas.Index``.

    Returns:
        A tuple naming the index kind, its name(s) and its values.
    """
    import pandas as pd

    if isinstance(index, pd.RangeIndex):
        return (b"range", index.name, meta(index.start, index.stop, index.step))
    if isinstance(index, pd.MultiIndex):
        return (
            b"multi",
            tuple(index.names),
            tuple(index_parts(level) for level in index.levels),
            tuple(np.asarray(codes) for codes in index.codes),
        )
    return (
        b"index",
        meta(type(index).__name__),
        index.name,
        _array_parts(index.array, index.dtype),
    )


def reduce_series(series: Any) -> Reduction:
    """Reduce a Series to its name, index, dtype and values, in order.

    Args:
        series: A ``pandas.Series``.

    Returns:
        The reduction.
    """
    return tagged, (
        b"Series",
        _kind(series),
        series.name,
        index_parts(series.index),
        _array_parts(series.array, series.dtype),
    )


def reduce_frame(frame: Any) -> Reduction:
    """Reduce a DataFrame to its columns, index and each column's values, in order.

    Args:
        frame: A ``pandas.DataFrame``.

    Returns:
        The reduction.
    """
    columns = tuple(_array_parts(column.array, column.dtype) for _, column in frame.items())
    return tagged, (
        b"DataFrame",
        _kind(frame),
        index_parts(frame.columns),
        index_parts(frame.index),
        columns,
    )


def reduce_scalar(scalar: Any) -> Any:
    """Reduce a NumPy scalar to its dtype and raw bytes (a float's exact bits).

    Args:
        scalar: A ``numpy.generic``.

    Returns:
        The reduction, or ``NotImplemented`` (pickle's) for a scalar holding objects.
    """
    dtype = scalar.dtype
    if dtype.hasobject:
        return NotImplemented
    return tagged, (b"scalar", meta(_dtype_text(dtype)), scalar.tobytes())


def reduce_dtype(dtype: Any) -> Reduction:
    """Reduce a dtype to its description (pickle writes it with strings of NumPy's own).

    Args:
        dtype: A ``numpy.dtype``.

    Returns:
        The reduction.
    """
    return tagged, (b"dtype", meta(_dtype_text(dtype)))


def reduce_ufunc(ufunc: Any) -> Reduction:
    """Reduce a ufunc to its module and name.

    Args:
        ufunc: A ``numpy.ufunc``.

    Returns:
        The reduction.
    """
    return tagged, (b"ufunc", meta(getattr(ufunc, "__module__", None), ufunc.__name__))


def rule_for(tp: type) -> Callable[[Any], Any] | None:
    """Return the reduction for a NumPy or pandas type, or None for pickle's own.

    Args:
        tp: A type defined by NumPy or pandas.

    Returns:
        The rule (``reduce_ndarray``, ``reduce_scalar``, ``reduce_frame``...) or None.
    """
    if tp is np.ndarray:
        return reduce_ndarray
    if issubclass(tp, np.generic):
        return reduce_scalar
    if issubclass(tp, np.dtype):
        return reduce_dtype
    if issubclass(tp, np.ufunc):
        return reduce_ufunc
    pd = sys.modules.get("pandas")
    if pd is None:  # the type is NumPy's: no pandas object can exist
        return None
    if issubclass(tp, pd.DataFrame):
        return reduce_frame
    if issubclass(tp, pd.Series):
        return reduce_series
    if issubclass(tp, pd.Index):
        return reduce_index
    return None


def _kind(obj: Any) -> bytes:
    tp = type(obj)
    return meta(tp.__module__, tp.__qualname__)


def reduce_index(index: Any) -> Reduction:
    """Reduce a pandas Index.

    Args:
        index: A ``pandas.Index``.

    Returns:
        The reduction.
    """
    return tagged, (b"Index", index_parts(index))
