"""A hash_funcs key that is a short name ("Conn") can never match a type.

Streamlit ignores it silently, so the type stays unhashable and the call fails later;
cachelib refuses it when decorating, like the other option checks (D11: hash_funcs that is
not a mapping of types or fully qualified names to callables fails at decoration).

rule: 1.5
expect: D11
cachelib:
    ! raised ValueError: hash_funcs key 'Conn' is not a fully qualified type name...
    refused when decorating
    done
streamlit:
    decorated
    ! raised UnhashableTypeError type=_thread.RLock func=by_short_name where=arguments
    done
"""

import threading

import cachelib as st


class Conn:
    def __init__(self, name):
        self.name = name
        self.lock = threading.RLock()


try:

    @st.cache(hash_funcs={"Conn": lambda conn: conn.name})
    def by_short_name(conn):
        st.write("ran")
        return conn.name

except ValueError:
    print("refused when decorating")
else:
    print("decorated")
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        by_short_name(Conn("db"))
    except Exception:
        pass
print("done")
