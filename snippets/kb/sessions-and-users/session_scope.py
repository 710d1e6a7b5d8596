import cachelib as st

runs = []


@st.cache_resource(scope="session", on_release=lambda history: print("released", history))
def chat_history():
    runs.append(1)
    return []  # one list per session


def script_run(message):
    history = chat_history()
    history.append(message)
    st.write("this session sees", history)


script_run("hello")  # the session's first run creates its list
script_run("my new address is 4 Elm Road")  # its next rerun finds the same list
st.write("runs:", len(runs))
st.cache_resource.clear()  # in an app: when the session ends
