import threading

import cachelib as st


class Account:
    def __init__(self, name):
        self.name = name
        self.lock = threading.RLock()


def by_name(account):
    print(f"    hash_funcs called on Account({account.name!r})")
    return account.name


HOUSE = Account("house")


@st.cache_data(hash_funcs={Account: by_name})
def transfer_plan(source, targets):
    print("  transfer_plan ran")
    return [source.name, *(target.name for target in targets), HOUSE.name]


print("call 1")
transfer_plan(Account("alice"), [Account("bob")])
print("call 2")
transfer_plan(Account("alice"), [Account("bob")])
