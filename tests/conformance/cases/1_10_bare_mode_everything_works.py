"""Bare mode (plain python): memoization, argument and body hashing, ttl, max_entries and persist
all work.

rule: 1.10
expect: same
runs: 2
both:
    ran 1
    ran 2
    ran p
    [1, 2, 1, 'p', 'p']
    ! run 2
    ran 1
    ran 2
    [1, 2, 1, 'p', 'p']
"""

import cachelib as st


@st.cache(ttl=600, max_entries=10)
def memory(x):
    st.write("ran", x)
    return x


@st.cache(persist=True)
def disk(x):
    st.write("ran", x)
    return x


print([memory(1), memory(2), memory(1), disk("p"), disk("p")])
