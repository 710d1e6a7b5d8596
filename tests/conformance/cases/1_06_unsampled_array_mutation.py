"""False negative: changing flat index 0 of a returned 1,000,000-element array is outside
Streamlit's sample.

rule: 1.6
expect: D1
cachelib:
    ! warning CachedObjectMutationWarning func=zeros
    1.0
streamlit:
    1.0
"""

import numpy as np

import cachelib as st


@st.cache
def zeros():
    return np.zeros(1_000_000)


zeros()[0] = 1.0
print(zeros()[0])
