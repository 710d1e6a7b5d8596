"""Every parameter is positional-or-keyword: st.cache(None, False, True) sets allow_output_mutation.

rule: 1.1
expect: same
both:
    ran
    [1, 2] True
"""

import cachelib as st


def make():
    st.write("ran")
    return [1]


cached = st.cache(None, False, True)(make)
value = cached()
value.append(2)
again = cached()
print(again, again is value)
