import cachelib as st

runs = []


@st.cache_data
def square(n):
    runs.append(n)
    return n * n


st.write(square(12), square(12))
st.write("runs:", runs)
