"""A bytearray positional argument: Streamlit fails with a raw TypeError; cachelib hashes it by
content.

rule: 1.3
expect: D3
cachelib:
    ran bytearray(b'abc')
    ran bytearray(b'abd')
    hit
streamlit:
    ! raised TypeError: unhashable type: 'bytearray'
    ! uncaught
"""

import cachelib as st


@st.cache
def size(data):
    st.write("ran", data)
    return len(data)


size(bytearray(b"abc"))
size(bytearray(b"abd"))
size(bytearray(b"abc"))
print("hit")
