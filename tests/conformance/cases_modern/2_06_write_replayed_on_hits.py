"""st.write inside a cached function is recorded on the miss and replayed on every hit, in the
same place of the page, for both decorators; print is not replayed.

rule: 2.6
expect: same
runs: 2
both:
    before
    printed data 1
    data wrote 1
    resource wrote 1
    printed resource 1
    between
    data wrote 1
    resource wrote 1
    after
    ! run 2
    before
    data wrote 1
    resource wrote 1
    between
    data wrote 1
    resource wrote 1
    after
"""

import cachelib as st


@st.cache_data
def data(x):
    print(f"printed data {x}")
    st.write(f"data wrote {x}")
    return x


@st.cache_resource
def resource(x):
    st.write(f"resource wrote {x}")
    print(f"printed resource {x}")
    return x


st.write("before")
data(1)
resource(1)
st.write("between")
data(1)
resource(1)
st.write("after")
