"""Run from standard input (`python -`): both hash the body and cache.

rule: 1.4
expect: same
mode: stdin
both:
    ran 1
    ran 2
    [1, 2, 1]
"""

import cachelib as st


@st.cache
def load(x):
    st.write("ran", x)
    return x


print([load(1), load(2), load(1)])
