"""suppress_st_warning is accepted and has no effect; show_spinner values do not change caching.

rule: 1.1
expect: same
both:
    ran 1
    ran 2
    ran 3
    [1, 2, 3, 1, 2, 3]
"""

import cachelib as st


@st.cache(suppress_st_warning=True)
def one(x):
    st.write("ran", x)
    return x


@st.cache(show_spinner="Loading the data")
def two(x):
    st.write("ran", x)
    return x


@st.cache(show_spinner=False, suppress_st_warning=False)
def three(x):
    st.write("ran", x)
    return x


print([one(1), two(2), three(3), one(1), two(2), three(3)])
