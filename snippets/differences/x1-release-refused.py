import cachelib as st

connections = []


class Connection:
    def __init__(self, number):
        self.number = number
        self.open = True

    def close(self):
        st.write("released connection", self.number)


@st.cache_resource(validate=lambda conn: conn.open, on_release=Connection.close)
def connect():
    connections.append(Connection(len(connections) + 1))
    return connections[-1]


first = connect()
first.open = False  # the server closed it
st.write("now using connection", connect().number)
