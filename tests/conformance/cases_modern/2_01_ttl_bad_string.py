"""A ttl string that is not a duration is refused when decorating: Streamlit with its own
StreamlitAPIException subclass, cachelib with a ValueError naming ttl (D11 lists ttl strings).

rule: 2.1
expect: D11
cachelib:
    before
    ! raised ValueError: ...ttl...
    after
streamlit:
    before
    ! raised StreamlitBadTimeStringError
    after
"""

import cachelib as st

st.write("before")
try:

    @st.cache_data(ttl="soon")
    def echo(x):
        print(f"ran {x}")
        return x

except Exception:
    pass
st.write("after")
