"""The four forms @st.cache, @st.cache(), @st.cache(**options) and st.cache(f) all memoize.

rule: 1.1
expect: same
both:
    bare 1
    empty 1
    options 1
    call 1
    2 2 2 2
"""

import cachelib as st


@st.cache
def bare(x):
    st.write("bare", x)
    return x + 1


@st.cache()
def empty(x):
    st.write("empty", x)
    return x + 1


@st.cache(persist=False, show_spinner=False)
def options(x):
    st.write("options", x)
    return x + 1


def plain(x):
    st.write("call", x)
    return x + 1


called = st.cache(plain)

for _ in range(2):
    results = [bare(1), empty(1), options(1), called(1)]
print(*results)
