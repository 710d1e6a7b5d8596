"""If the function raises, the exception propagates and nothing is cached: the next call runs again.

rule: 1.2
expect: same
both:
    ran 1
    ! raised ValueError: attempt 1 failed
    ran 2
    ! raised ValueError: attempt 2 failed
    ran 3
    ok
    ok
"""

import cachelib as st

attempts = []


@st.cache
def flaky():
    attempts.append(1)
    st.write("ran", len(attempts))
    if len(attempts) < 3:
        raise ValueError(f"attempt {len(attempts)} failed")
    return "ok"


for _ in range(2):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        flaky()
    except ValueError:
        pass
print(flaky())
print(flaky())
