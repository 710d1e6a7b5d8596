"""The function key is computed on a wrapper's first call: a global changed later is not seen.

rule: 1.4
expect: same
both:
    ran 1
    [1, 1]
"""

import cachelib as st

SETTING = 1


@st.cache
def read_setting():
    st.write("ran", SETTING)
    return SETTING


first = read_setting()
SETTING = 2
print([first, read_setting()])
