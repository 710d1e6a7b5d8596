import copy

import cachelib as st


def title_case_names(customers):  # code that changes what it is given
    for customer in customers:
        customer["name"] = customer["name"].title()


@st.cache
def load_customers():
    st.write("  loading customers")
    return [{"name": "ada lovelace"}, {"name": "alan turing"}]


customers = copy.deepcopy(load_customers())  # copy.copy would share the inner dicts
title_case_names(customers)
st.write(customers)
st.write(load_customers())
