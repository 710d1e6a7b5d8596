"""The type tag separates 1, 1.0, True, "1", b"1", [1] and (1,): seven entries.

rule: 1.3
expect: same
both:
    ran 1 int
    ran 1.0 float
    ran True bool
    ran 1 str
    ran b'1' bytes
    ran [1] list
    ran (1,) tuple
    7
"""

import cachelib as st


@st.cache
def kind(x):
    st.write("ran", x, type(x).__name__)
    return type(x).__name__


values = [1, 1.0, True, "1", b"1", [1], (1,)]
for value in values + values:
    kind(value)
print(len({kind(v) for v in values}))
