"""One function wrapped twice, once with allow_output_mutation=True: Streamlit's checking wrapper
warns falsely.

rule: 1.6
expect: D12
cachelib:
    ran
    [1] True
streamlit:
    ran
    ! warning CachedObjectMutationWarning func=load
    [1] True
"""

import cachelib as st


def load():
    st.write("ran")
    return [1]


mutable = st.cache(allow_output_mutation=True)(load)
checked = st.cache(load)
value = mutable()
again = checked()
print(again, again is value)
