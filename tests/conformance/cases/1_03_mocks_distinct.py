"""Every unittest.mock object is a different key (hashed by identity); the same mock hits.

rule: 1.3
expect: same
both:
    ran
    ran
    ran
    hit
"""

from unittest import mock

import cachelib as st


@st.cache
def use(client):
    st.write("ran")
    return 1


a, b, c = mock.Mock(), mock.Mock(), mock.MagicMock()
use(a)
use(b)
use(c)
use(a)
use(c)
print("hit")
