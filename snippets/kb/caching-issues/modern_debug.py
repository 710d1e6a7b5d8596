import cachelib as st

runs = []


@st.cache_data
def load_orders(day):
    runs.append(day)  # counts the runs: the body runs on misses only
    print(f"  inside load_orders({day!r}): the body runs (cache miss)")
    return [{"id": 1, "amount": 9.5}, {"id": 2, "amount": 14.0}]


st.write("call 1")
orders = load_orders("2024-05-01")
st.write(f"  outside: {len(orders)} orders")

st.write("call 2, same day")
orders = load_orders("2024-05-01")
st.write(f"  outside: {len(orders)} orders")

st.write("call 3, another day")
orders = load_orders("2024-05-02")
st.write(f"  outside: {len(orders)} orders")
st.write("runs:", runs)
