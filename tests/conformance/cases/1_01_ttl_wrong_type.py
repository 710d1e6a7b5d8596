"""A ttl of the wrong type: cachelib refuses it when decorating, Streamlit at the first call.

rule: 1.1
expect: D11
cachelib:
    ! raised TypeError: ttl must be None, a number of seconds or a ... not str ('1h')
    decorated: False
streamlit:
    decorated: True
    ! raised RuntimeError: ttl must be a float
    ran: False
"""

import cachelib as st

ran = False


def load():
    global ran
    ran = True
    return 1


try:
    cached = st.cache(ttl="1h")(load)
except TypeError:
    print("decorated:", False)
else:
    print("decorated:", True)
    try:
        cached()
    except RuntimeError:
        print("ran:", ran)
