"""bytes arguments are hashed by their raw content.

rule: 1.3
expect: same
both:
    ran b'abc'
    ran b'abd'
    ran b''
    hit
"""

import cachelib as st


@st.cache
def size(data):
    st.write("ran", data)
    return len(data)


for value in (b"abc", b"abd", b"", b"abc", b"abd", b""):
    size(value)
print("hit")
