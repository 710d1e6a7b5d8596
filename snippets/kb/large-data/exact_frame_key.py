import numpy as np
import pandas as pd

import cachelib as st


@st.cache
def summarize(orders):
    st.write("  summarize ran")
    return f"columns {list(orders.columns)}, first amount {orders['amount'].iloc[0]}"


orders = pd.DataFrame(
    {"amount": np.arange(50_000) * 0.5, "region": np.tile(["north", "south"], 25_000)}
)
st.write(f"{len(orders):,} rows")
st.write(summarize(orders))
st.write(summarize(orders.copy()))  # an equal copy: a hit
st.write(summarize(orders.rename(columns={"region": "area"})))  # a renamed column
st.write(summarize(orders.iloc[::-1]))  # the same rows, in reverse order
