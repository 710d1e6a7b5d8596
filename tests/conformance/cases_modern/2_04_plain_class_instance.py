"""An instance of a plain class cannot be hashed (its pickle reduction holds a function): the
call raises UnhashableParamError naming the parameter, the type and the function; the function
does not run, on any rerun.

rule: 2.4
expect: same
runs: 2
both:
    ! raised UnhashableParamError param=settings type=__main__.Settings func=load
    ! run 2
    ! raised UnhashableParamError param=settings type=__main__.Settings func=load
"""

import cachelib as st


class Settings:
    def __init__(self):
        self.rows = 10


@st.cache_data
def load(settings):
    print("ran")
    return settings.rows


try:  # noqa: SIM105 (the observer records what except clauses catch)
    load(Settings())
except st.UnhashableParamError:
    pass
