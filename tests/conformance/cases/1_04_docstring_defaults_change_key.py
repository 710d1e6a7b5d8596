"""The docstring and default values are part of the key; renaming parameters and locals is not.

rule: 1.4
expect: same
both:
    base ran
    docstring ran
    default ran
    done
"""

import cachelib as st


@st.cache
def load(x=1):
    """Load."""
    tag = "base"
    st.write(tag, "ran")
    return x


load()


@st.cache
def load(x=1):
    """Load the data."""
    tag = "base"
    st.write("docstring", "ran") if tag else None
    return x


load()


@st.cache
def load(x=2):
    """Load the data."""
    tag = "base"
    st.write("default", "ran") if tag else None
    return x


load()


@st.cache
def load(y=2):
    """Load the data."""
    label = "base"
    st.write("default", "ran") if label else None
    return y


load()
print("done")
