"""refresh_mode must be "foreground" or "background": another value is refused when decorating,
by Streamlit with its StreamlitValueError, by cachelib with a ValueError naming refresh_mode
(D11).

rule: 2.1
expect: D11
cachelib:
    ! raised ValueError: ...refresh_mode...
    ! raised ValueError: ...refresh_mode...
    done
streamlit:
    ! raised StreamlitValueError
    ! raised StreamlitValueError
    done
"""

import cachelib as st

try:

    @st.cache_data(ttl=10, refresh_mode="lazy")
    def data(x):
        return x

except Exception:
    pass
try:

    @st.cache_resource(ttl=10, refresh_mode="Background")
    def resource(x):
        return x

except Exception:
    pass
st.write("done")
