"""st.cache_data.clear() empties every cache_data cache and no cache_resource cache;
st.cache_resource.clear() the reverse.

rule: 2.1
expect: same
both:
    ran a
    ran b
    ran r
    cleared data
    ran a
    ran b
    cleared resources
    ran r
"""

import cachelib as st


@st.cache_data
def a():
    print("ran a")


@st.cache_data(ttl=60)
def b():
    print("ran b")


@st.cache_resource
def r():
    print("ran r")


a(), b(), r()
st.cache_data.clear()
st.write("cleared data")
a(), b(), r()
st.cache_resource.clear()
st.write("cleared resources")
a(), b(), r()
