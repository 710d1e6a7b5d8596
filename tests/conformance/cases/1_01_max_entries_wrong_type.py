"""A max_entries of the wrong type: cachelib refuses it when decorating, Streamlit at the first
call.

rule: 1.1
expect: D11
cachelib:
    ! raised TypeError: max_entries must be None or a positive whole number, not str ('10')
    decorated: False
streamlit:
    decorated: True
    ! raised RuntimeError: max_entries must be an int
    ran: False
"""

import cachelib as st

ran = False


def load():
    global ran
    ran = True
    return 1


try:
    cached = st.cache(max_entries="10")(load)
except TypeError:
    print("decorated:", False)
else:
    print("decorated:", True)
    try:
        cached()
    except RuntimeError:
        print("ran:", ran)
