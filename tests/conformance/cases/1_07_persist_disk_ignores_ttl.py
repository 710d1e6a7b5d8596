"""ttl and max_entries do not apply to disk: after memory expiry or eviction, the disk entry still
hits.

rule: 1.7
expect: same
both:
    ran short 1
    ran slot 1
    ran slot 2
    [1, 1, 1, 2, 1]
"""

import time

import cachelib as st


@st.cache(persist=True, ttl=0.3)
def short_lived(x):
    st.write("ran short", x)
    return x


@st.cache(persist=True, max_entries=1)
def one_slot(x):
    st.write("ran slot", x)
    return x


first = short_lived(1)
time.sleep(0.5)
again = short_lived(1)  # expired in memory, found on disk
print([first, again, one_slot(1), one_slot(2), one_slot(1)])
