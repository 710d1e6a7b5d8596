import cachelib as st


@st.cache_data
def load_settings():
    return {"theme": "light", "rows_per_page": 20}


@st.cache_resource
def shared_settings():
    return {"theme": "light", "rows_per_page": 20}


settings = load_settings()
settings["theme"] = "dark"  # changes this caller's copy only
st.write("cache_data, next call:    ", load_settings()["theme"])

settings = shared_settings()
settings["theme"] = "dark"  # changes the one shared object, silently
st.write("cache_resource, next call:", shared_settings()["theme"])
