"""A rule that returns a new object of the same type ({str: str.lower}): Streamlit applies the
rule to its own result again and again until the recursion limit; cachelib hashes the result
with the default rules, so case variants share one entry.

rule: 2.3
expect: D10
cachelib:
    ran ABC
    abc abc
streamlit:
    ! raised RecursionError: ...
    done
"""

import cachelib as st


@st.cache_data(hash_funcs={str: str.lower})
def lower(text):
    print(f"ran {text}")
    return text.lower()


try:
    st.write(f"{lower('ABC')} {lower('abc')}")
except RecursionError:
    st.write("done")
