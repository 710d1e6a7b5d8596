"""Small arrays and frames are hashed by content: equal ones hit, a changed element misses.

rule: 1.3
expect: same
both:
    ran array 6
    ran array 7
    ran frame 6
    ran frame 7
    hit
"""

import numpy as np
import pandas as pd

import cachelib as st


@st.cache
def total(data):
    st.write("ran", "array" if isinstance(data, np.ndarray) else "frame", int(data.sum().sum()))
    return int(data.sum().sum())


total(np.array([1, 2, 3]))
total(np.array([1, 2, 3]))
total(np.array([1, 2, 4]))
total(pd.DataFrame({"a": [1, 2], "b": [1, 2]}))
total(pd.DataFrame({"a": [1, 2], "b": [1, 2]}))
total(pd.DataFrame({"a": [1, 2], "b": [1, 3]}))
print("hit")
