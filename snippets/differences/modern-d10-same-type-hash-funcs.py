import cachelib as st

runs = []


@st.cache_data(hash_funcs={int: lambda n: n})  # hash an int as itself
def square(n):
    runs.append(n)
    return n * n


st.write(square(2), square(3))
st.write("runs:", runs)
