"""Closures are not tracked: the same nested function made by two calls of a factory has one
module, qualified name and source text, so both share one cache, and the second gets the
first one's result.

rule: 2.2
expect: same
both:
    ran factor 2
    20 20
"""

import cachelib as st


def make_scaler(factor):
    @st.cache_data
    def scale(x):
        print(f"ran factor {factor}")
        return x * factor

    return scale


st.write(f"{make_scaler(2)(10)} {make_scaler(3)(10)}")
