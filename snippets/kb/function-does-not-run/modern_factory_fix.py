import cachelib as st

runs = []


@st.cache_data
def load_table(database, name):  # what the result depends on, as arguments
    runs.append(f"{database}/{name}")
    return [f"{database}/{name} row {i}" for i in (1, 2)]


def make_loader(database):
    return lambda name: load_table(database, name)


prod = make_loader("prod")
staging = make_loader("staging")
st.write(prod("users"))
st.write(staging("users"))
st.write("runs:", runs)
