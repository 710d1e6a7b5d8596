"""False negative: replacing 0.5 by 2.0**60 (same Python hash) in a returned list is not seen by
Streamlit.

rule: 1.6
expect: D2
cachelib:
    ! warning CachedObjectMutationWarning func=weights
    [1.152921504606847e+18]
streamlit:
    [1.152921504606847e+18]
"""

import cachelib as st


@st.cache
def weights():
    return [0.5]


weights()[0] = 2.0**60
print(weights())
