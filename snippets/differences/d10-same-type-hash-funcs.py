import cachelib as st


@st.cache(hash_funcs={int: lambda n: n})  # returns the very same int
def square(n):
    st.write(f"  square ran for {n}")
    return n * n


st.write(square(1), square(2))


@st.cache(hash_funcs={str: str.lower})  # returns a new str: keys ignore case
def find_user(email):
    st.write(f"  find_user ran for {email}")
    return email.lower()


st.write(find_user("Ada@example.com"))
st.write(find_user("ADA@EXAMPLE.COM"))
st.write(find_user("bob@example.com"))
