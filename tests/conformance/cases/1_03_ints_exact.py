"""Integers are hashed exactly: big, negative and nearby values never share an entry.

rule: 1.3
expect: same
both:
    ran 1
    ran -1
    ran 255
    ran -256
    ran 1267650600228229401496703205376
    ran -1267650600228229401496703205376
    ran 0
    hit
"""

import cachelib as st


@st.cache
def echo(x):
    st.write("ran", x)
    return x


values = [1, -1, 255, -256, 2**100, -(2**100), 0]
for value in values + values:
    echo(value)
print("hit")
