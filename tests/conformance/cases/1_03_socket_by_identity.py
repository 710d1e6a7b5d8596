"""A socket argument: Streamlit keys it by id(), cachelib refuses it (pickle cannot reduce sockets).

rule: 1.3
expect: D4
cachelib:
    ! raised UnhashableTypeError type=socket.socket func=peer where=arguments
    ! uncaught
streamlit:
    ran
    hit
"""

import socket

import cachelib as st


@st.cache
def peer(sock):
    st.write("ran")
    return sock.family.name


with socket.socket() as sock:
    peer(sock)
    peer(sock)
    print("hit")
