"""The mutation warning: a real Python warning in cachelib (catchable, turnable into an error); not
in Streamlit.

rule: 1.6
expect: D8
cachelib:
    recorded: ['CachedObjectMutationWarning']
    ! raised CachedObjectMutationWarning: The return value of `numbers()` was mutated...
    as error: True
streamlit:
    ! warning CachedObjectMutationWarning func=numbers
    recorded: []
    ! warning CachedObjectMutationWarning func=numbers
    as error: False
"""

import warnings

import cachelib as st


@st.cache
def numbers():
    return [1, 2, 3]


numbers().append(4)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    numbers()
print("recorded:", [w.category.__name__ for w in caught])

raised = False
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        numbers()
    except Warning:
        raised = True
print("as error:", raised)
