"""int32 zeros and float32 zeros of one shape: the same key in Streamlit (dtype not hashed), two in
cachelib.

rule: 1.3
expect: D1
cachelib:
    ran int32
    ran float32
    ['int32', 'float32']
streamlit:
    ran int32
    ['int32', 'int32']
"""

import numpy as np

import cachelib as st


@st.cache
def dtype_of(values):
    st.write("ran", values.dtype)
    return str(values.dtype)


print([dtype_of(np.zeros(4, dtype=np.int32)), dtype_of(np.zeros(4, dtype=np.float32))])
