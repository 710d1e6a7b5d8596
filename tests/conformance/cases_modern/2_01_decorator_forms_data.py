"""The four forms @st.cache_data, @st.cache_data(), @st.cache_data(**options) and
st.cache_data(f) all cache, across reruns of the script.

rule: 2.1
expect: same
runs: 2
both:
    bare 1
    empty 1
    options 1
    call 1
    2 2 2 2
    ! run 2
    2 2 2 2
"""

import cachelib as st


@st.cache_data
def bare(x):
    print(f"bare {x}")
    return x + 1


@st.cache_data()
def empty(x):
    print(f"empty {x}")
    return x + 1


@st.cache_data(max_entries=10, show_spinner=False)
def options(x):
    print(f"options {x}")
    return x + 1


def plain(x):
    print(f"call {x}")
    return x + 1


called = st.cache_data(plain)
results = [bare(1), empty(1), options(1), called(1)]
st.write(*(str(result) for result in results))
