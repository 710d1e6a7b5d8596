"""A file argument whose path no longer exists cannot be keyed: InternalHashError.

rule: 1.3
expect: same
both:
    ! raised InternalHashError type=_io.TextIOWrapper func=peek where=arguments
    done
"""

import os

import cachelib as st


@st.cache
def peek(stream):
    st.write("ran")
    return 1


handle = open("gone.txt", "w")  # noqa: SIM115
os.remove("gone.txt")
try:
    peek(handle)
except Exception:
    print("done")
handle.close()
