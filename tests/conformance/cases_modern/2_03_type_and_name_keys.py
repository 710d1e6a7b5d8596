"""hash_funcs makes an unhashable argument hashable: keyed by a type or by its fully qualified
name, the rule's result is the key, so equal results share an entry.

rule: 2.3
expect: same
runs: 2
both:
    ran type db://a
    ran type db://b
    ran name db://a
    done
    ! run 2
    done
"""

import threading

import cachelib as st


class Connection:
    def __init__(self, url):
        self.url = url
        self.lock = threading.Lock()


@st.cache_resource(hash_funcs={Connection: lambda connection: connection.url})
def by_type(connection):
    print(f"ran type {connection.url}")
    return connection.url


@st.cache_data(hash_funcs={"__main__.Connection": lambda connection: connection.url})
def by_name(connection):
    print(f"ran name {connection.url}")
    return connection.url


for url in ("db://a", "db://b", "db://a"):
    by_type(Connection(url))
by_name(Connection("db://a"))
by_name(Connection("db://a"))
st.write("done")
