"""A cached generator function always fails: its return value (a generator) cannot be hashed.

rule: 1.6
expect: same
both:
    ! raised UnhashableTypeError type=builtins.generator func=numbers where=return value
    ! raised UnhashableTypeError type=builtins.generator func=numbers where=return value
    done
"""

import cachelib as st


@st.cache
def numbers():
    yield 1


for _ in range(2):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        numbers()
    except Exception:
        pass
print("done")
