"""Run as `python -c` (no __main__.__file__): Streamlit fails at the first call, cachelib works.

rule: 1.4
expect: D7
mode: c
cachelib:
    ran
    [1, 1]
streamlit:
    ! raised InternalHashError type=builtins.function func=load where=body
    ! uncaught
"""

import cachelib as st


@st.cache
def load():
    st.write("ran")
    return 1


print([load(), load()])
