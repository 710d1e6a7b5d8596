"""ttl=timedelta: Streamlit 1.35 fails at the first call; cachelib checks it when decorating and
accepts it.

rule: 1.1
expect: D11
cachelib:
    ran
    1 1
streamlit:
    ! raised RuntimeError: ttl must be a float
    ! uncaught
"""

import datetime

import cachelib as st


@st.cache(ttl=datetime.timedelta(minutes=5))
def load():
    st.write("ran")
    return 1


print(load(), load())
