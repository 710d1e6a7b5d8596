import cachelib as st


@st.cache
def load_settings():
    st.write("  reading the settings")
    return {"theme": "light", "rows_per_page": 20}


settings = load_settings()
settings["theme"] = "dark"  # changes the cached object itself

settings = load_settings()  # a hit: the stored object has changed since it was stored
st.write("theme:", settings["theme"])
