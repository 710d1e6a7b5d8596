import asyncio

import cachelib as st


async def fetch_prices(symbol):
    await asyncio.sleep(0.01)  # a network call
    return {"symbol": symbol, "price": 101.5}


@st.cache_data
def prices(symbol):
    return fetch_prices(symbol)  # returns a coroutine, not the prices


asyncio.run(prices("ACME"))
