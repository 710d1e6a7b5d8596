"""f.clear(*args, **kwargs) removes only the entry those arguments select, for both decorators.

rule: 2.1
expect: same
both:
    ran data 1
    ran resource 1
    ran data 2
    ran resource 2
    ran data 1
    ran resource 2
"""

import cachelib as st


@st.cache_data
def data(x):
    print(f"ran data {x}")
    return x


@st.cache_resource
def resource(x):
    print(f"ran resource {x}")
    return x


for x in (1, 2):
    data(x)
    resource(x)
data.clear(1)
resource.clear(x=2)
for x in (1, 2):
    data(x)
    resource(x)
