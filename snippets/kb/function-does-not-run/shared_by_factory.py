import cachelib as st


def make_loader(database):
    """Build a cached loader, as a test fixture or an app factory might."""

    @st.cache
    def load_table(name):
        st.write(f"  load_table ran: {database}/{name}")
        return [f"{database}/{name} row {i}" for i in (1, 2)]

    return load_table


st.write("two loaders for the same database")
first = make_loader("prod")
second = make_loader("prod")  # a new function object, with the same key as `first`
first("users")
second("users")  # nothing printed: `first` already stored this result

st.write("a loader for another database")
staging = make_loader("staging")  # the closure value is part of the key
staging("users")

st.write("after st.clear_cache()")
st.clear_cache()
second("users")
