"""Other persist values ("memory", 1, "DISK") are refused when decorating: Streamlit with its
StreamlitValueError, cachelib with a ValueError or TypeError naming persist (D11).

rule: 2.1
expect: D11
cachelib:
    ! raised ValueError: ...persist...
    ! raised ...Error: ...persist...
    ! raised ValueError: ...persist...
    done
streamlit:
    ! raised StreamlitValueError
    ! raised StreamlitValueError
    ! raised StreamlitValueError
    done
"""

import cachelib as st

try:

    @st.cache_data(persist="memory")
    def first(x):
        return x

except Exception:
    pass
try:

    @st.cache_data(persist=1)
    def second(x):
        return x

except Exception:
    pass
try:

    @st.cache_data(persist="DISK")
    def third(x):
        return x

except Exception:
    pass
st.write("done")
