"""After f.clear() the next call is a miss again: the function runs and writes, and the new
entry is replayed on later hits.

rule: 2.6
expect: same
both:
    ran
    wrote 1
    wrote 1
    ran
    wrote 1
    wrote 1
"""

import cachelib as st


@st.cache_data
def show(x):
    print("ran")
    st.write(f"wrote {x}")
    return x


show(1)
show(1)
show.clear()
show(1)
show(1)
