import cachelib as st


class Connection:
    def __init__(self, url):
        self.url = url
        self.socket = None  # pretend: an open socket


@st.cache(hash_funcs={Connection: lambda conn: conn.url})  # stored as "__main__.Connection"
def fetch(conn, query):
    st.write(f"  running {query!r} on {conn.url}")
    return ["row 1", "row 2"]


# The module is reloaded (or the class edited and run again): a new class with the same name.
class Connection:
    def __init__(self, url):
        self.url = url
        self.socket = None


st.write(fetch(Connection("db://sales"), "SELECT 1"))
st.write(fetch(Connection("db://sales"), "SELECT 1"))
