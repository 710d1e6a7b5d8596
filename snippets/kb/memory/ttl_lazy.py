import time

import cachelib as st


class Connection:
    def __init__(self, name):
        self.name = name
        print("opened", name)

    def close(self):
        print("closed", self.name)


@st.cache_resource(ttl=0.2, on_release=Connection.close)
def connect(name):
    return Connection(name)


connect("warehouse")
time.sleep(0.5)
st.write("the ttl has passed; nothing was closed yet")
connect("warehouse")  # the entry is found expired: a new connection replaces it
