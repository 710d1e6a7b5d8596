"""Four threads missing one key at once: Streamlit runs the function four times, cachelib once.

rule: 1.2
expect: D5
cachelib:
    runs: 1
    results: [42, 42, 42, 42]
streamlit:
    runs: 4
    results: [42, 42, 42, 42]
"""

import threading
import time

import cachelib as st

runs = []  # list.append is atomic: no lock in the body (cachelib would refuse to hash one)
barrier = threading.Barrier(4)


@st.cache
def slow(x):
    runs.append(x)
    time.sleep(1.5)
    return x


results = [None] * 4


def worker(i):
    barrier.wait()
    results[i] = slow(42)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("runs:", len(runs))
print("results:", results)
