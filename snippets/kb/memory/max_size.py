import cachelib as st

runs = []


@st.cache_data(max_size="1MiB")  # counted on the pickled values
def chart_data(name, size):
    runs.append(name)
    return bytes(size)


chart_data("sales", 400_000)
chart_data("stock", 400_000)
chart_data("sales", 400_000)  # a hit: "sales" is now the most recently used
chart_data("costs", 400_000)  # 1.2 MB in all: the least recently used, "stock", goes
chart_data("stock", 400_000)  # computed again
st.write("runs:", runs)

chart_data("year", 3_000_000)  # larger than the limit alone: kept, and alone
chart_data("sales", 400_000)
st.write("runs:", runs)
