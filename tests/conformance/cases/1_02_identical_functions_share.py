"""Two wrappers with identical module, qualname and body share one cache ("my function didn't run").

rule: 1.2
expect: same
both:
    first definition ran
    [1] [1]
"""

import cachelib as st


@st.cache
def load():
    st.write("first definition ran")
    return [1]


a = load()


@st.cache
def load():
    st.write("first definition ran")
    return [1]


b = load()
print(a, b)
