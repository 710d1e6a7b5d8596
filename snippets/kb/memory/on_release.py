import cachelib as st


class Connection:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closed", self.name)


@st.cache_resource(max_entries=2, on_release=Connection.close)
def connect(name):
    return Connection(name)


connect("sales")
connect("stock")
connect("costs")  # a third entry: the least recently used, "sales", is evicted
st.write("clearing one entry:")
connect.clear("stock")
st.write("clearing every cache_resource entry:")
st.cache_resource.clear()
