"""An async def function is cached: calling it returns an awaitable, and awaiting it runs the
function on a miss only, for both decorators; f.clear() works as for plain functions.

rule: 2.1
expect: same
runs: 2
both:
    ran data 1
    ran resource 1
    data 2 resource 2
    ran data 1
    ! run 2
    data 2 resource 2
    ran data 1
"""

import asyncio

import cachelib as st


@st.cache_data
async def data(x):
    print(f"ran data {x}")
    await asyncio.sleep(0)
    return x + 1


@st.cache_resource
async def resource(x):
    print(f"ran resource {x}")
    await asyncio.sleep(0)
    return x + 1


async def main():
    first = await data(1)
    second = await resource(1)
    await data(1)
    await resource(1)
    st.write(f"data {first} resource {second}")
    data.clear()
    await data(1)


asyncio.run(main())
