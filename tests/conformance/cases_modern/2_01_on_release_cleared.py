"""on_release is called for every entry that f.clear(), f.clear(args) and
st.cache_resource.clear() remove.

rule: 2.1
expect: same
both:
    clear(1)
    released 1
    clear()
    released 2
    released 3
    cache_resource.clear()
    released 4
"""

import cachelib as st


def release(value):
    print(f"released {value}")


@st.cache_resource(on_release=release)
def resource(x):
    return x


for x in (1, 2, 3):
    resource(x)
st.write("clear(1)")
resource.clear(1)
st.write("clear()")
resource.clear()
resource(4)
st.write("cache_resource.clear()")
st.cache_resource.clear()
