"""hash_funcs={int: lambda x: x}: Streamlit's cycle guard makes every int one key; cachelib hashes
the result.

rule: 1.5
expect: D10
cachelib:
    ran 1
    ran 2
    [1, 2]
streamlit:
    ran 1
    [1, 1]
"""

import cachelib as st


@st.cache(hash_funcs={int: lambda x: x})
def echo(x):
    st.write("ran", x)
    return x


print([echo(1), echo(2)])
