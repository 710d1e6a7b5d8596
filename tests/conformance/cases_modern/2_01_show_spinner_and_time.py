"""show_spinner (True, False, a text) and show_time (True, False) change only what is shown while
a miss computes: every combination caches the same way, for both decorators.

rule: 2.1
expect: same
runs: 2
both:
    ran data True False
    ran data False False
    ran data Loading... True
    ran data True True
    ran resource True False
    ran resource False True
    ran resource Loading... False
    7 results
    ! run 2
    7 results
"""

import time

import cachelib as st


@st.cache_data(show_spinner=True)
def d1():
    print("ran data True False")
    return 1


@st.cache_data(show_spinner=False)
def d2():
    print("ran data False False")
    return 2


@st.cache_data(show_spinner="Loading...", show_time=True)
def d3():
    print("ran data Loading... True")
    time.sleep(0.6)  # long enough for a spinner to show
    return 3


@st.cache_data(show_time=True)
def d4():
    print("ran data True True")
    return 4


@st.cache_resource(show_spinner=True, show_time=False)
def r1():
    print("ran resource True False")
    return 5


@st.cache_resource(show_spinner=False, show_time=True)
def r2():
    print("ran resource False True")
    return 6


@st.cache_resource(show_spinner="Loading...")
def r3():
    print("ran resource Loading... False")
    return 7


results = [f() for f in (d1, d2, d3, d4, r1, r2, r3)]
st.write(f"{len(set(results))} results")
