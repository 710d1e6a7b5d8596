"""max_entries=0: Streamlit runs the function, then fails storing it; cachelib refuses it when
decorating.

rule: 1.1
expect: D11
cachelib:
    ! raised ValueError: max_entries must be None or a whole number of at least 1, not 0
    ! uncaught
streamlit:
    ran
    ! raised ValueError: value too large
    ! uncaught
"""

import cachelib as st


@st.cache(max_entries=0)
def load():
    st.write("ran")
    return 1


load()
