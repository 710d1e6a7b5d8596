import cachelib as st

runs = []


@st.cache_data
def greeting(name):
    runs.append(name)
    return "Hello, " + name


st.write(greeting("Ada"), "| runs:", len(runs))


# You add a comment and save: the app reruns with this version.
@st.cache_data
def greeting(name):
    # Greet the visitor by name.
    runs.append(name)
    return "Hello, " + name


st.write(greeting("Ada"), "| runs:", len(runs))


# You move the function lower in the file, unchanged: the same source text.
@st.cache_data
def greeting(name):
    # Greet the visitor by name.
    runs.append(name)
    return "Hello, " + name


st.write(greeting("Ada"), "| runs:", len(runs))
