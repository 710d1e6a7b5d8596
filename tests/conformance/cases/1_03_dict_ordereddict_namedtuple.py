"""dict and OrderedDict, tuple and namedtuple, float and numpy.float64 are different keys.

rule: 1.3
expect: same
both:
    ran dict
    ran OrderedDict
    ran tuple
    ran Point
    ran float
    ran float64
"""

from collections import OrderedDict, namedtuple

import numpy as np

import cachelib as st

Point = namedtuple("Point", "x y")


@st.cache
def kind(x):
    st.write("ran", type(x).__name__)
    return 0


for _ in range(2):
    kind({"a": 1})
    kind(OrderedDict(a=1))
    kind((1, 2))
    kind(Point(1, 2))
    kind(1.5)
    kind(np.float64(1.5))
