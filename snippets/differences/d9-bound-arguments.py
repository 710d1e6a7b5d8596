import cachelib as st


@st.cache
def page_of(table, page=1, size=50):
    st.write(f"  page_of ran: {table}, page {page}, size {size}")
    return f"rows {(page - 1) * size + 1}-{page * size} of {table}"


st.write(page_of("orders"))
st.write(page_of("orders", 1))
st.write(page_of(table="orders", page=1))
st.write(page_of("orders", size=50, page=1))
st.write(page_of("orders", page=2))
