"""Four threads missing one key at once: the function runs once, the others wait for its value
(1.67 locks each key; cachelib, D5, does the same).

rule: 2.7
expect: same
both:
    runs 1
    results [42, 42, 42, 42]
"""

import threading
import time

import cachelib as st

runs = []  # list.append is atomic
barrier = threading.Barrier(4)


@st.cache_data
def slow(x):
    runs.append(x)
    time.sleep(0.5)
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
st.write(f"runs {len(runs)}")
st.write(f"results {results}")
