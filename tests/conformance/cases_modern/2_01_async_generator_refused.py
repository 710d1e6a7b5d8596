"""An async generator function cannot be cached: both refuse it when decorating.

rule: 2.1
expect: same
both:
    refused data
    refused resource
"""

import cachelib as st


async def numbers():
    yield 1


def attempt(decorator):
    try:
        decorator(numbers)
    except Exception:  # not a top-level clause: the class is not compared (no counterpart)
        return "refused"
    return "accepted"


st.write(f"{attempt(st.cache_data)} data")
st.write(f"{attempt(st.cache_resource)} resource")
