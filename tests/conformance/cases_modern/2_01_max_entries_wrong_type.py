"""A max_entries of the wrong type (a string): cachelib refuses it when decorating, with a
TypeError naming max_entries; Streamlit accepts the decorator, runs the function at the first call,
then fails to store its value.

rule: 2.1
expect: D11
cachelib:
    ! raised TypeError: ...max_entries...
    done
streamlit:
    decorated
    ran 1
    ! raised TypeError: ...
    done
"""

import cachelib as st

try:

    @st.cache_resource(max_entries="2")
    def echo(x):
        print(f"ran {x}")
        return x

    st.write("decorated")
    echo(1)
except Exception:
    pass
st.write("done")
