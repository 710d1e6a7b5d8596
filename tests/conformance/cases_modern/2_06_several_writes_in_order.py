"""Every write of a miss is replayed in order, each hit replaying the writes of its own
arguments.

rule: 2.6
expect: same
both:
    loading 1
    step a 1
    step b 1
    loading 2
    step a 2
    step b 2
    loading 1
    step a 1
    step b 1
"""

import cachelib as st


@st.cache_data
def load(x):
    st.write(f"loading {x}")
    for step in "ab":
        st.write(f"step {step} {x}")
    return x


load(1)
load(2)
load(1)
