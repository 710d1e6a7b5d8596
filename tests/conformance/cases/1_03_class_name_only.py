"""A class argument: Streamlit hashes it by __name__ only, so two classes named Config share one
entry (a stale result); cachelib refers to a class the way pickle does, by module and qualified
name, so they are two entries.

Classified under D4 (cachelib hashes objects the way pickle reduces them): a class's pickle
reduction is its qualified name. The contract does not list this case by name; see the
Conformance page.

rule: 1.3
expect: D4
cachelib:
    ran first.<locals>.Config
    ran second.<locals>.Config
    first.<locals>.Config second.<locals>.Config
streamlit:
    ran first.<locals>.Config
    first.<locals>.Config first.<locals>.Config
"""

import cachelib as st


def first():
    class Config:
        debug = True

    return Config


def second():
    class Config:
        debug = False

    return Config


@st.cache
def describe(cls):
    st.write("ran", cls.__qualname__)
    return cls.__qualname__


print(describe(first()), describe(second()))
