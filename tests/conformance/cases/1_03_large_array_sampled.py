"""Arrays of 1,000,000+ elements: Streamlit hashes a sample, so a change at flat index 0 is the
same key.

rule: 1.3
expect: D1
cachelib:
    ran 0.0
    ran 1.0
    [0.0, 1.0]
streamlit:
    ran 0.0
    [0.0, 0.0]
"""

import numpy as np

import cachelib as st


@st.cache
def first(values):
    st.write("ran", float(values[0]))
    return float(values[0])


base = np.zeros(1_000_000)
changed = base.copy()
changed[0] = 1.0
print([first(base), first(changed)])
