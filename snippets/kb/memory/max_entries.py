import cachelib as st

runs = []


@st.cache_data(max_entries=30)  # the 30 most recently used reports: about 3 MB
def daily_report(day):
    runs.append(day)
    return f"report of day {day}: ...".ljust(100_000)  # 100 kB of text


for day in range(365):
    daily_report(day)

before = len(runs)
daily_report(364)  # among the 30 kept: a hit
daily_report(0)  # evicted long ago: computed again
st.write("computed again:", runs[before:])
