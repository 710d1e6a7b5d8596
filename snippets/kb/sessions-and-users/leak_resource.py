import cachelib as st


@st.cache_resource
def chat_history():
    return []  # one list, handed to every session


def script_run(user, message):
    """One run of the app's script, in one user's session."""
    history = chat_history()
    history.append(f"{user}: {message}")
    st.write(user, "sees", history)


script_run("ann", "my new address is 4 Elm Road")
script_run("bob", "hello")
