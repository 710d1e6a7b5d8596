"""A bytearray nested in a list, or passed by keyword: InternalHashError in Streamlit; hashed by
content in cachelib.

rule: 1.3
expect: D3
cachelib:
    ran nested
    ran keyword
    hit
streamlit:
    ! raised InternalHashError type=builtins.tuple func=size where=arguments
    ! raised InternalHashError type=builtins.dict func=size where=arguments
    ! raised InternalHashError type=builtins.tuple func=size where=arguments
    ! raised InternalHashError type=builtins.dict func=size where=arguments
    hit
"""

import cachelib as st


@st.cache
def size(data, label="nested"):
    st.write("ran", label)
    return len(data)


for _ in range(2):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        size([bytearray(b"abc")])
    except Exception:
        pass
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        size(data=bytearray(b"abc"), label="keyword")
    except Exception:
        pass
print("hit")
