"""hash_funcs rules apply inside containers too: a list or dict holding covered objects is
hashed through the rule.

rule: 2.3
expect: same
both:
    ran 2
    ran 2
    done
"""

import cachelib as st


class Token:
    def __init__(self, value):
        self.value = value


@st.cache_data(hash_funcs={Token: lambda token: token.value})
def count(tokens):
    print(f"ran {len(tokens)}")
    return len(tokens)


count([Token(1), Token(2)])
count([Token(1), Token(2)])
count({"a": Token(1), "b": Token(2)})
count({"a": Token(1), "b": Token(2)})
st.write("done")
