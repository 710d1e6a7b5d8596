import cachelib as st

# This project's cachelib has the Streamlit names; the other package of that name does not.
st.write("cache_data:", hasattr(st, "cache_data"), "| cache:", hasattr(st, "cache"))
