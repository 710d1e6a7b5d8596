"""validate is called with the cached value on every hit; a falsy result drops the entry and the
function runs again. on_release is not called for the value that failed validation.

rule: 2.1
expect: same
runs: 2
both:
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
