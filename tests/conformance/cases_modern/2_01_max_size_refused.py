"""max_size values that are not a positive size (0, -1, True, 1.5, "ten", "10 parsecs") are
refused when decorating, by both: cachelib with a TypeError or ValueError naming max_size (D11),
Streamlit with its own StreamlitAPIException subclasses.

rule: 2.1
expect: D11
cachelib:
    ! raised ValueError: ...max_size...
    ! raised ValueError: ...max_size...
    ! raised TypeError: ...max_size...
    ! raised TypeError: ...max_size...
    ! raised ValueError: ...max_size...
    ! raised ValueError: ...max_size...
    refused 6
streamlit:
    ! raised StreamlitValueError
    ! raised StreamlitValueError
    ! raised StreamlitInvalidParameterTypeError
    ! raised StreamlitInvalidParameterTypeError
    ! raised StreamlitValueError
    ! raised StreamlitValueError
    refused 6
"""

import cachelib as st

refused = 0
for size in (0, -1, True, 1.5, "ten", "10 parsecs"):
    try:

        @st.cache_data(max_size=size)
        def echo(x):
            return x

    except Exception:
        refused += 1
st.write(f"refused {refused}")
