import cachelib as st


@st.cache(max_entries=2)
def report(region):
    st.write(f"  building the {region} report")
    return f"{region}: 42 orders"


# Kept after each call, most recently used last:
for region in [
    "north",  # north
    "south",  # north, south
    "north",  # south, north    (a hit moves north to the end)
    "east",  # north, east      (south, the least recently used, goes)
    "north",  # east, north
    "south",  # north, south    (south is built again)
]:
    st.write("asking for", region)
    report(region)
