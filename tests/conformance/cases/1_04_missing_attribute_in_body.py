"""A failing attribute lookup in the body, even in a branch that never runs: UserHashError (body).

rule: 1.4
expect: same
both:
    ! raised UserHashError func=load where=body cause=AttributeError
    ! uncaught
"""

import os

import cachelib as st


@st.cache
def load(flag=False):
    if flag:
        return os.this_attr_does_not_exist
    st.write("ran")
    return 1


load()
