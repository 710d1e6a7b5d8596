import warnings

import cachelib as st


@st.cache
def load_customers():
    st.write("  loading customers")
    return [{"name": "ada lovelace"}, {"name": "alan turing"}]


load_customers().append({"name": "grace hopper"})  # a change, made once

for call in (2, 3, 4):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        customers = load_customers()
    st.write(f"call {call}: {len(caught)} warning, {len(customers)} customers returned")
