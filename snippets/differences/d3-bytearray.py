import hashlib

import cachelib as st


@st.cache
def fingerprint(payload):
    st.write("  fingerprint ran")
    return hashlib.sha256(payload).hexdigest()[:12]


buffer = bytearray(b"id,amount\n1,9.5\n")
st.write(fingerprint(buffer))
st.write(fingerprint(bytearray(b"id,amount\n1,9.5\n")))  # equal content: a hit
buffer.extend(b"2,14.0\n")
st.write(fingerprint(buffer))  # changed content: another key
