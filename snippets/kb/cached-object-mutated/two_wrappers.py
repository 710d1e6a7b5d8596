import cachelib as st


def load_config():
    st.write("  load_config ran")
    return {"retries": 3}


# Two wrappers of one function share its cache.
shared = st.cache(load_config, allow_output_mutation=True)
checked = st.cache(load_config)

config = shared()  # stored by the wrapper that does not hash its results
st.write("checked:", checked())  # a hit on that entry: no hash to compare, no warning

config["retries"] = 5  # an intended change, through the shared wrapper
st.write("checked:", checked())  # still no warning: this entry is never checked
