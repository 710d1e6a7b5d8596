"""A function that is not async def but returns a coroutine raises
CachedFunctionReturnedAwaitableError after it ran, and nothing is cached.

rule: 2.1
expect: same
runs: 2
both:
    ran
    ! raised CachedFunctionReturnedAwaitableError type=builtins.coroutine func=fetch
    ! run 2
    ran
    ! raised CachedFunctionReturnedAwaitableError type=builtins.coroutine func=fetch
"""

import asyncio

import cachelib as st


async def download():
    await asyncio.sleep(0)
    return 1


@st.cache_data
def fetch():
    print("ran")
    return download()


try:  # noqa: SIM105 (the observer records what except clauses catch)
    fetch()
except st.CachedFunctionReturnedAwaitableError:
    pass
