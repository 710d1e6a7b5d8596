import threading

import cachelib as st


class Account:
    def __init__(self, name):
        self.name = name
        self.lock = threading.RLock()  # unhashable: hash_funcs must cover every Account


def by_name(account):
    st.write(f"    hash_funcs called on Account({account.name!r})")
    return account.name


HOUSE = Account("house")


@st.cache(hash_funcs={Account: by_name})
def transfer_plan(source):
    st.write("  transfer_plan ran")
    return [source, HOUSE]


st.write("call 1")
transfer_plan(Account("alice"))
st.write("call 2")
transfer_plan(Account("alice"))
