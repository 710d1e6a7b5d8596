"""hash_funcs={str: str.lower}: Streamlit recurses until RecursionError; cachelib gives case-
insensitive keys.

rule: 1.5
expect: D10
cachelib:
    ran Alice
    ['Alice', 'Alice']
streamlit:
    ! raised InternalHashError type=builtins.str func=greet where=body
    ! uncaught
"""

import cachelib as st


@st.cache(hash_funcs={str: str.lower})
def greet(name):
    st.write("ran", name)
    return name


print([greet("Alice"), greet("ALICE")])
