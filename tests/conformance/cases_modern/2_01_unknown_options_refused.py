"""Options of the other decorator are unknown keywords: cache_resource has no max_size or
persist, cache_data no validate or on_release; options are keyword-only.

rule: 2.1
expect: same
both:
    ! raised TypeError: ...got an unexpected keyword argument 'max_size'
    ! raised TypeError: ...got an unexpected keyword argument 'persist'
    ! raised TypeError: ...got an unexpected keyword argument 'validate'
    ! raised TypeError: ...got an unexpected keyword argument 'on_release'
    ! raised TypeError: ...positional argument...
    done
"""

import cachelib as st


def echo(x):
    return x


try:  # noqa: SIM105 (the observer records what except clauses catch)
    st.cache_resource(echo, max_size=100)
except TypeError:
    pass
try:  # noqa: SIM105
    st.cache_resource(echo, persist="disk")
except TypeError:
    pass
try:  # noqa: SIM105
    st.cache_data(echo, validate=bool)
except TypeError:
    pass
try:  # noqa: SIM105
    st.cache_data(echo, on_release=print)
except TypeError:
    pass
try:  # noqa: SIM105
    st.cache_data(echo, 10)
except TypeError:
    pass
st.write("done")
