"""A scope other than "global" or "session" is refused when decorating: Streamlit with its
StreamlitValueError, cachelib with a ValueError naming scope (D11).

rule: 2.1
expect: D11
cachelib:
    ! raised ValueError: ...scope...
    ! raised ValueError: ...scope...
    done
streamlit:
    ! raised StreamlitValueError
    ! raised StreamlitValueError
    done
"""

import cachelib as st

try:

    @st.cache_data(scope="user")
    def data(x):
        return x

except Exception:
    pass
try:

    @st.cache_resource(scope="Session")
    def resource(x):
        return x

except Exception:
    pass
st.write("done")
