import tracemalloc

import cachelib as st


@st.cache_data
def daily_report(day):
    return f"report of day {day}: ...".ljust(100_000)  # 100 kB of text


tracemalloc.start()
for day in range(365):  # a year of reports: one entry per argument ever seen
    daily_report(day)
held = tracemalloc.get_traced_memory()[0]
st.write(f"the cache now holds about {held / 1e6:.0f} MB")
