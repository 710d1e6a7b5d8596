import cachelib as st


@st.cache
def load_settings():
    st.write("  reading the settings")
    return {"theme": "light", "rows_per_page": 20}


settings = {**load_settings(), "theme": "dark"}  # a new dict: the cached one is untouched
st.write("theme:", settings["theme"])

settings = load_settings()
st.write("theme:", settings["theme"])
