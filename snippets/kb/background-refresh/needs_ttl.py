import cachelib as st


@st.cache_data(refresh_mode="background")
def exchange_rates():
    return {"EUR": 1.08}
