"""A hash function that raises: UserHashError naming the covered type, the cached function and
the original exception's class; nothing runs.

rule: 2.3
expect: same
both:
    ! raised UserHashError type=__main__.Thing func=use cause=ZeroDivisionError
    done
"""

import cachelib as st


class Thing:
    pass


@st.cache_data(hash_funcs={Thing: lambda thing: 1 / 0})
def use(thing):
    print("ran")
    return 1


try:  # noqa: SIM105 (the observer records what except clauses catch)
    use(Thing())
except st.UserHashError:
    pass
st.write("done")
