import cachelib as st

runs = []


class Client:
    """Talks to a service; which client asks does not change the answer."""

    def __init__(self, base_url):
        self.base_url = base_url

    def get(self, path):
        return {"path": path, "stock": 12}


@st.cache_data
def stock_level(_client, sku):  # `_client` is left out of the key
    runs.append(sku)
    return _client.get(f"/stock/{sku}")["stock"]


st.write(stock_level(Client("https://shop.example"), "A-100"))
st.write(stock_level(Client("https://shop.example"), "A-100"))  # a hit
st.write("runs:", len(runs))
