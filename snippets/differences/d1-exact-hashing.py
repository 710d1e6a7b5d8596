import numpy as np
import pandas as pd

import cachelib as st


@st.cache
def describe(values):
    st.write("  describe ran")
    return f"{values.dtype}, total {values.sum()}"


st.write(describe(np.zeros(3)))
st.write(describe(np.zeros(3, dtype=np.int64)))  # same shape and bytes, another dtype


@st.cache
def load_orders():
    return pd.DataFrame({"amount": [9.5, 14.0]})


orders = load_orders()
orders.columns = ["total"]  # renames the column of the cached frame itself
st.write(list(load_orders().columns))  # the hit notices the rename
