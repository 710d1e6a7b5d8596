import cachelib as st


# A connection, a model on a GPU, a thread pool: objects that live in one process.
@st.cache_resource(persist="redis://localhost:6379/0")
def database():
    return object()
