"""The fix the error names: prefix the parameter with "_" and the same call is cached, the
object being left out of the key.

rule: 2.4
expect: same
runs: 2
both:
    ran 5
    rows 5 5
    ! run 2
    rows 5 5
"""

import threading

import cachelib as st


class Client:
    def __init__(self):
        self.lock = threading.Lock()


@st.cache_data
def rows(_client, limit):
    print(f"ran {limit}")
    return limit


st.write(f"rows {rows(Client(), 5)} {rows(Client(), 5)}")
