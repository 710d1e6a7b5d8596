"""Small NumPy arrays and pandas frames are keyed by content, shape and dtype, and a frame by its
column names and row order too: each change is a new entry, equal values hit.

rule: 2.2
expect: same
both:
    ran array int64 (4,)
    ran array float64 (4,)
    ran array int64 (2, 2)
    ran array int64 (4,)
    ran frame ['a', 'b']
    ran frame ['a', 'c']
    ran frame ['a', 'b']
    ran frame ['a', 'b']
"""

import numpy as np
import pandas as pd

import cachelib as st


@st.cache_data
def shape_of(array):
    print(f"ran array {array.dtype} {array.shape}")
    return array.shape


@st.cache_data
def columns_of(frame):
    print(f"ran frame {list(frame.columns)}")
    return list(frame.columns)


base = np.arange(4)
for array in (base, base.copy(), base.astype(float), base.reshape(2, 2), base[::-1].copy()):
    shape_of(array)
frame = pd.DataFrame({"a": [1, 2, 3], "b": [4, 5, 6]})
for changed in (
    frame,
    frame.copy(),
    frame.rename(columns={"b": "c"}),
    frame.iloc[::-1],
    frame.astype(float),
):
    columns_of(changed)
