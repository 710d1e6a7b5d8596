"""ttl counts from insertion; reads do not extend it; expired entries behave as missing.

rule: 1.7
expect: same
both:
    ran 1
    hit before expiry
    hit before expiry
    ran 1
"""

import time

import cachelib as st


@st.cache(ttl=2.0)
def echo(x):
    st.write("ran", x)
    return x


echo(1)
stored = time.monotonic()  # the entry was inserted just before the call returned
time.sleep(0.5)
echo(1)
st.write("hit before expiry")
time.sleep(max(0.0, 1.0 - (time.monotonic() - stored)))
echo(1)  # read at 1.0 s: does not extend the entry
st.write("hit before expiry")
time.sleep(max(0.0, 2.6 - (time.monotonic() - stored)))
echo(1)  # 2.6 s after insertion: expired
