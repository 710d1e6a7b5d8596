"""A ttl of the wrong type (a list): cachelib refuses it when decorating with a TypeError naming
ttl; Streamlit accepts the decorator, runs the function at the first call, then fails to store
its value.

rule: 2.1
expect: D11
cachelib:
    ! raised TypeError: ...ttl...
    done
streamlit:
    decorated
    ran 1
    ! raised TypeError: ...
    done
"""

import cachelib as st

try:

    @st.cache_data(ttl=[5])
    def echo(x):
        print(f"ran {x}")
        return x

    st.write("decorated")
    echo(1)
except Exception:
    pass
st.write("done")
