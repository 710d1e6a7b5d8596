"""allow_output_mutation=True: no output hash, no warning, the mutated object is returned;
unhashable returns are fine.

rule: 1.6
expect: same
both:
    ran
    [1, 2] True
    ran lock
    True
"""

import threading

import cachelib as st


@st.cache(allow_output_mutation=True)
def shared():
    st.write("ran")
    return [1]


@st.cache(allow_output_mutation=True)
def lock():
    st.write("ran lock")
    return threading.RLock()


shared().append(2)
value = shared()
print(value, value is shared())
print(lock() is lock())
