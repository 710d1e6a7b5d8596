"""A script under a venv folder gets no body hashing either: only module and name are hashed.

rule: 1.4
expect: same
location: venv/app
both:
    ran v1
    [1, 1]
"""

import cachelib as st


@st.cache
def load():
    st.write("ran v1")
    return 1


a = load()


@st.cache
def load():
    st.write("ran v2")
    return 2


print([a, load()])
