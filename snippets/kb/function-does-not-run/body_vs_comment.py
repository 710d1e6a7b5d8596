import cachelib as st

# Four versions of one function, as you might save them one after the other while
# the app keeps running. Each exec() stands for the rerun that follows a save.
VERSIONS = {
    "as first written": """
@st.cache
def greeting(name):
    st.write("  greeting ran")
    return "Hello, " + name
""",
    "comment and blank line added": """
@st.cache
def greeting(name):
    # Greet the visitor by name.
    st.write("  greeting ran")

    return "Hello, " + name
""",
    "docstring added": '''
@st.cache
def greeting(name):
    """Greet the visitor by name."""
    st.write("  greeting ran")
    return "Hello, " + name
''',
    "code changed": '''
@st.cache
def greeting(name):
    """Greet the visitor by name."""
    st.write("  greeting ran")
    return "Hello, " + name + "!"
''',
}

for change, source in VERSIONS.items():
    script = {"__name__": "__main__", "st": st}  # the globals of a fresh run
    exec(source, script)
    st.write(f"{change}: {script['greeting']('Ada')}")
