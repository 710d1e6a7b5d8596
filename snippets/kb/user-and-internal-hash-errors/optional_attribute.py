import math

import cachelib as st


@st.cache
def cube_root(x):
    # math.cbrt exists from Python 3.11. A name given as a string is looked up only when
    # this line runs; `math.cbrt` written out would be looked up when the key is computed.
    cbrt = getattr(math, "cbrt", None)
    if cbrt is None:
        return math.copysign(abs(x) ** (1 / 3), x)
    return cbrt(x)


st.write(round(cube_root(27.0), 6))
