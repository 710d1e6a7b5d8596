import datetime

import cachelib as st

st.cache_data(ttl=datetime.timedelta(minutes=10))  # fine: 600 seconds
st.cache_data(ttl="10m", max_entries=100, max_size="50MB")  # fine
st.write("decorating load_sales...")


@st.cache_data(ttl="soon")  # not a duration: refused here, before any call
def load_sales(region):
    return []
