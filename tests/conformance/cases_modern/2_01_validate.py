"""validate is called with the cached value on every hit; a falsy result drops the entry and the
function runs again. cachelib calls on_release for the value that failed validation (it leaves
the cache); Streamlit 1.67 drops it without calling on_release.

rule: 2.1
expect: X1
runs: 2
cachelib:
    ran
    validate 1
    value 1
    ! run 2
    validate 1
    released 1
    ran
    validate 2
    value 2
streamlit:
    ran
    validate 1
    value 1
    ! run 2
    validate 1
    ran
    validate 2
    value 2
"""

import os

import cachelib as st


def is_open(value):
    print(f"validate {value}")
    return not os.path.exists(f"closed-{value}")


def release(value):
    print(f"released {value}")


@st.cache_resource(validate=is_open, on_release=release)
def connect():
    print("ran")
    with open("connections.txt", "a") as log:  # counts the connections made
        log.write(".")
    return os.path.getsize("connections.txt")


connect()
st.write(f"value {connect()}")
with open("closed-1", "w"):  # connection 1 is closed before the next rerun
    pass
