"""Floats are keyed by their bits: 0.5 and 2.0**60, -1.0 and -2.0, 0.0 and -0.0 are distinct
entries, and NaN hits itself.

rule: 2.2
expect: same
both:
    ran 0.5
    ran 1.152921504606847e+18
    ran -1.0
    ran -2.0
    ran 0.0
    ran -0.0
    ran nan
"""

import cachelib as st


@st.cache_data
def echo(x):
    print(f"ran {x}")
    return x


for value in (0.5, 2.0**60, -1.0, -2.0, 0.0, -0.0, float("nan"), float("nan"), 0.5, -0.0):
    echo(value)
