"""Detected: an ndarray element change, a DataFrame cell change, adding a DataFrame column.

rule: 1.6
expect: same
both:
    ! warning CachedObjectMutationWarning func=array
    ! warning CachedObjectMutationWarning func=frame
    ! warning CachedObjectMutationWarning func=frame
    done
"""

import numpy as np
import pandas as pd

import cachelib as st


@st.cache
def array():
    return np.arange(10)


@st.cache
def frame():
    return pd.DataFrame({"a": [1, 2, 3]})


array()[3] = 99
array()
frame().loc[0, "a"] = 100
frame()
frame()["b"] = 0
print("done")
