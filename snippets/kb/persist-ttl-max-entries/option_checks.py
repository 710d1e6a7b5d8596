import datetime

import cachelib as st

st.cache(ttl=datetime.timedelta(minutes=10))  # fine: 600 seconds
st.cache(ttl=30, max_entries=100)  # fine
st.write("decorating load_sales...")


@st.cache(ttl="10m")  # a string is not a duration: refused here, before any call
def load_sales(region):
    st.write("load_sales ran")
    return []
