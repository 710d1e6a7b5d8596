"""st.write inside a cached function runs on a miss only: nothing is replayed on a hit, and no
warning.

rule: 1.8
expect: same
both:
    loading 1
    loading 2
    [1, 2, 1, 2]
"""

import cachelib as st


@st.cache(suppress_st_warning=True)
def load(x):
    st.write("loading", x)
    return x


@st.cache
def load_quietly(x):
    return load(x)


print([load(1), load(2), load_quietly(1), load_quietly(2)])
