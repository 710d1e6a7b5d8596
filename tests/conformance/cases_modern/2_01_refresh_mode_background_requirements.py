"""refresh_mode="background" needs a positive ttl, no persist and a function that is not async:
each breach is refused when decorating (Streamlit: its StreamlitAPIException subclasses;
cachelib: a ValueError or TypeError naming the parameter, D11).

rule: 2.1
expect: D11
cachelib:
    ! raised ...Error: ...ttl...
    ! raised ValueError: ...ttl...
    ! raised ValueError: ...persist...
    ! raised ...Error: ...refresh_mode...
    done
streamlit:
    ! raised StreamlitMissingRequiredParameterError
    ! raised StreamlitValueError
    ! raised StreamlitIncompatibleParametersError
    ! raised StreamlitValueError
    done
"""

import cachelib as st

try:

    @st.cache_data(refresh_mode="background")
    def no_ttl(x):
        return x

except Exception:
    pass
try:

    @st.cache_resource(ttl=0, refresh_mode="background")
    def zero_ttl(x):
        return x

except Exception:
    pass
try:

    @st.cache_data(ttl=10, persist="disk", refresh_mode="background")
    def persisted(x):
        return x

except Exception:
    pass
try:

    @st.cache_data(ttl=10, refresh_mode="background")
    async def coroutine(x):
        return x

except Exception:
    pass
st.write("done")
