import cachelib as st


def load_settings():
    st.write("  reading settings")
    return {"theme": "light", "rows_per_page": 50}


# The settings panel changes the settings in place, for every user:
editable_settings = st.cache(load_settings, allow_output_mutation=True)
# The report only reads them, and keeps the mutation check:
settings = st.cache(load_settings)

editable_settings()["theme"] = "dark"
st.write("the report sees:", settings())  # the same entry, and no warning
