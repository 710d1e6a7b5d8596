"""A change at flat index 4 of a 1,000,000-element array is inside Streamlit's sample: both miss.

rule: 1.3
expect: same
both:
    ran 0.0
    ran 1.0
    [0.0, 1.0]
"""

import numpy as np

import cachelib as st


@st.cache
def fifth(values):
    st.write("ran", float(values[4]))
    return float(values[4])


base = np.zeros(1_000_000)
changed = base.copy()
changed[4] = 1.0
print([fifth(base), fifth(changed)])
