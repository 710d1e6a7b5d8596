"""hash_funcs rules apply to argument values, not to parameter names: a rule for str that maps
every string to one constant makes all string values share one entry, while keyword and
positional calls still work.

rule: 2.3
expect: same
both:
    ran a
    a a a
"""

import cachelib as st


@st.cache_data(hash_funcs={str: lambda text: "same"})
def echo(text):
    print(f"ran {text}")
    return text


st.write(f"{echo('a')} {echo('b')} {echo(text='c')}")
