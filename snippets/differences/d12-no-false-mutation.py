import cachelib as st


def load_config():
    st.write("  load_config ran")
    return {"theme": "light"}


shared = st.cache(load_config, allow_output_mutation=True)
checked = st.cache(load_config)  # the same function: it shares the entries of `shared`

shared()["theme"] = "dark"  # allowed: `shared` stored the entry without an output hash
st.write(checked())  # no CachedObjectMutationWarning
