"""Arrays of 500,000+ elements: Streamlit 1.67 hashes a sample of 100,000 elements, so a change
at an element outside the sample keeps the key and returns the stale result; cachelib hashes
every element.

rule: 2.2
expect: D1
cachelib:
    ran 0.0
    ran 1.0
    0.0 1.0
streamlit:
    ran 0.0
    0.0 0.0
"""

import numpy as np

import cachelib as st


@st.cache_data
def total(values):
    print(f"ran {float(values.sum())}")
    return float(values.sum())


base = np.zeros(500_000)
changed = base.copy()
changed[0] = 1.0  # index 0 is not in the sample (seed 0)
st.write(f"{total(base)} {total(changed)}")
