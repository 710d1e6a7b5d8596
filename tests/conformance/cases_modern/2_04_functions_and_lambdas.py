"""Functions, lambdas and bound methods passed as arguments cannot be hashed, for both
decorators; a builtin function can.

rule: 2.4
expect: same
both:
    ! raised UnhashableParamError param=transform type=builtins.function func=apply
    ! raised UnhashableParamError param=transform type=builtins.function func=apply
    ! raised UnhashableParamError param=transform type=builtins.method func=apply_resource
    ran len
    done
"""

import cachelib as st


def double(x):
    return 2 * x


class Box:
    def get(self):
        return 1


@st.cache_data
def apply(transform, x):
    return transform(x)


@st.cache_resource
def apply_resource(transform):
    print(f"ran {getattr(transform, '__name__', '?')}")
    return 1


for function in (double, lambda x: x + 1):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        apply(function, 1)
    except st.UnhashableParamError:
        pass
try:  # noqa: SIM105
    apply_resource(Box().get)
except st.UnhashableParamError:
    pass
apply_resource(len)
st.write("done")
