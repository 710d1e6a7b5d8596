"""Functions of one name whose source text differs (only by a comment) have separate caches; a
later definition whose text is identical to an earlier one shares its entries.

rule: 2.2
expect: same
both:
    ran first
    ran second
    first second first second
"""

import cachelib as st


@st.cache_data
def label(x):
    print("ran first")
    return "first"  # one


a = label(1)


@st.cache_data
def label(x):
    print("ran second")
    return "second"  # two


b = label(1)


@st.cache_data
def label(x):
    print("ran first")
    return "first"  # one


c = label(1)


@st.cache_data
def label(x):
    print("ran second")
    return "second"  # two


st.write(f"{a} {b} {c} {label(1)}")
