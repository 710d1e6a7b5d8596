"""The return-value error names the innermost unhashable type, even deep inside the returned value.

rule: 1.9
expect: same
both:
    ran
    ! raised UnhashableTypeError type=builtins.generator func=build where=return value
    ! uncaught
"""

import cachelib as st


class Pipeline:
    def __init__(self):
        self.steps = [{"name": "read", "rows": (i for i in range(3))}]


@st.cache
def build():
    st.write("ran")
    return Pipeline()


build()
