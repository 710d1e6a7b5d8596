"""A value cached by a call from another thread is a hit for the script's thread, and the
reverse, for both decorators.

rule: 2.7
expect: same
both:
    ran data 1
    ran resource 1
    ran data 2
    done
"""

import threading

import cachelib as st


@st.cache_data
def data(x):
    print(f"ran data {x}")
    return x


@st.cache_resource
def resource(x):
    print(f"ran resource {x}")
    return x


worker = threading.Thread(target=lambda: (data(1), resource(1)))
worker.start()
worker.join()
data(1)
resource(1)
data(2)
worker = threading.Thread(target=lambda: data(2))
worker.start()
worker.join()
st.write("done")
