"""Functions the body calls are not part of the key: a helper redefined with another body on a
later rerun leaves the cached result in place.

rule: 2.2
expect: same
runs: 2
both:
    ran
    tax 2
    ! run 2
    tax 2
"""

import os

import cachelib as st

with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
if os.path.getsize("reruns.txt") == 1:

    def rate():
        return 0.2

else:

    def rate():
        return 0.5


@st.cache_resource
def tax(amount):
    print("ran")
    return amount * rate()


st.write(f"tax {tax(10):g}")
