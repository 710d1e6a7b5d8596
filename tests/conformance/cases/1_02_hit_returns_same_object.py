"""A hit returns the very object that is stored (identity preserved), and None is cached too.

rule: 1.2
expect: same
both:
    ran table
    True
    ran nothing
    None None
"""

import cachelib as st


@st.cache
def table():
    st.write("ran table")
    return {"rows": [1, 2, 3]}


@st.cache
def nothing():
    st.write("ran nothing")


print(table() is table())
print(nothing(), nothing())
