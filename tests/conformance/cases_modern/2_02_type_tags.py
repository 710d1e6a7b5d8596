"""Values are keyed with their type: 1, 1.0, True, "1", b"1", (1,) and [1] are seven entries;
equal values of one type share one.

rule: 2.2
expect: same
both:
    ran int
    ran float
    ran bool
    ran str
    ran bytes
    ran tuple
    ran list
    done
"""

import cachelib as st


@st.cache_data
def kind(value):
    print(f"ran {type(value).__name__}")
    return type(value).__name__


for value in (1, 1.0, True, "1", b"1", (1,), [1], 1, 1.0, True, "1", b"1", (1,), [1]):
    kind(value)
st.write("done")
