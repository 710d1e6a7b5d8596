import cachelib as st

runs = []


def make_loader(database):
    """Build a cached loader, as a test fixture or an app factory might."""

    @st.cache_data
    def load_table(name):
        runs.append(f"{database}/{name}")
        return [f"{database}/{name} row {i}" for i in (1, 2)]

    return load_table


prod = make_loader("prod")
staging = make_loader("staging")  # another closure value, the same source text
st.write(prod("users"))
st.write(staging("users"))  # prod's rows: the closure value is not part of the key
st.write("runs:", runs)
