import time

import cachelib as st


class Client:
    def __init__(self, token):
        self.token = token
        self.open = True

    def close(self):
        self.open = False


issued = []


@st.cache_resource(ttl=2, refresh_mode="background", on_release=Client.close, show_spinner=False)
def api_client():
    time.sleep(1)  # signing in
    issued.append(f"token-{len(issued) + 1}")
    return Client(issued[-1])


client = api_client()
time.sleep(2.2)
client = api_client()  # stale: the old client, while a new one signs in
st.write("while renewing:", client.token, "| open:", client.open)
time.sleep(2)
st.write("after renewing:", api_client().token, "| the old one open:", client.open)
