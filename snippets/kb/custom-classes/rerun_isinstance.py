import cachelib as st


class Model:
    def __init__(self, name):
        self.name = name


@st.cache_resource
def load_model(name):
    return Model(name)


@st.cache_data
def load_settings():
    return Model("settings")


load_model("tiny"), load_settings()  # the first run stores both


# The next rerun runs the whole script again: the `class` statement makes a new class.
class Model:  # noqa: F811 (the same statement, run again)
    def __init__(self, name):
        self.name = name


st.write("cache_resource:", isinstance(load_model("tiny"), Model))
st.write("cache_data:    ", isinstance(load_settings(), Model))
