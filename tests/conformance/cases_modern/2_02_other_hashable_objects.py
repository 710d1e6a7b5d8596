"""Objects 1.67 knows how to key: a mock by identity, a partial of a builtin by its function and
arguments, a module by name, a NumPy ufunc and a builtin method by name, a mapping proxy by its
items, NumPy scalars, a bytearray by content, a self-referencing list.

rule: 2.2
expect: same
runs: 2
both:
    ran Mock
    ran Mock
    ran partial
    ran module
    ran ufunc
    ran builtin_function_or_method
    ran mappingproxy
    ran int64
    ran bytearray
    ran list
    done
    ! run 2
    ran Mock
    ran Mock
    done
"""

import functools
import types
import unittest.mock

import numpy as np

import cachelib as st


@st.cache_data
def echo(value):
    print(f"ran {type(value).__name__}")
    return 0


cycle = [1]
cycle.append(cycle)
first, second = unittest.mock.Mock(), unittest.mock.Mock()
for value in (
    first,
    first,
    second,
    functools.partial(max, 1),
    functools.partial(max, 1),
    types,
    np.add,
    [].append,
    types.MappingProxyType({"a": 1}),
    np.int64(3),
    bytearray(b"ab"),
    bytearray(b"ab"),
    cycle,
    cycle,
):
    echo(value)
st.write("done")
