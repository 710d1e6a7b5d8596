"""hash_funcs cannot override bytes: their content is always the key.

rule: 1.5
expect: same
both:
    ran b'a'
    ran b'b'
    hit
"""

import cachelib as st


@st.cache(hash_funcs={bytes: lambda b: 0})
def size(data):
    st.write("ran", data)
    return len(data)


for value in (b"a", b"b", b"a", b"b"):
    size(value)
print("hit")
