"""A body reading CONFIG.url hashes only CONFIG.url: other attributes do not change the key.

rule: 1.4
expect: same
both:
    ran a
    ran b
    ['a', 'a', 'b']
"""

import cachelib as st


class Config:
    url = "a"
    retries = 1


CONFIG = Config()


def fetch():
    st.write("ran", CONFIG.url)
    return CONFIG.url


a = st.cache(fetch)()
CONFIG.retries = 5
b = st.cache(fetch)()
CONFIG.url = "b"
c = st.cache(fetch)()
print([a, b, c])
