"""A cache_resource function's cache is replaced when its max_entries changes or validate goes
from None to a function (not when one validate function is swapped for another). cachelib calls
on_release for the entries of a replaced cache (they leave it); Streamlit 1.67 drops them
without calling on_release.

rule: 2.1
expect: X1
runs: 4
cachelib:
    ran sized
    ran checked
    ! run 2
    released sized
    ran sized
    ! run 3
    released checked
    ran checked
    ! run 4
streamlit:
    ran sized
    ran checked
    ! run 2
    ran sized
    ! run 3
    ran checked
    ! run 4
"""

import os

import cachelib as st


def release(value):
    print(f"released {value}")


def always(value):
    return True


def also_always(value):
    return True


with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
LIMIT = {1: 5, 2: 6, 3: 6, 4: 6}[RUN]
CHECK = {1: None, 2: None, 3: always, 4: also_always}[RUN]


@st.cache_resource(max_entries=LIMIT, on_release=release)
def sized():
    print("ran sized")
    return "sized"


@st.cache_resource(validate=CHECK, on_release=release)
def checked():
    print("ran checked")
    return "checked"


sized()
checked()
