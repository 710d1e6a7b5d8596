import os

import cachelib as st

# This replica was started without the secret that the others share.
os.environ.pop("CACHELIB_SECRET", None)


@st.cache_data(persist="redis://localhost:6379/0")
def daily_totals(day):
    return {"day": day, "orders": 1234}


daily_totals("2024-06-03")
