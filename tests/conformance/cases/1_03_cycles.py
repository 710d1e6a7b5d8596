"""Self-referencing lists and dicts hash fine (cycle guard), as arguments and as return values.

rule: 1.3
expect: same
both:
    ran 2
    ran loop
    hit
"""

import cachelib as st


@st.cache
def size(items):
    st.write("ran", len(items))
    return len(items)


@st.cache
def loop():
    st.write("ran loop")
    d = {"name": "loop"}
    d["self"] = d
    return d


items = [1]
items.append(items)
size(items)
size(items)
loop()
loop()
print("hit")
