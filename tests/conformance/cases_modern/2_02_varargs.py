"""*args and **kwargs take part in the key: different extra arguments are different entries, the
same ones hit, across reruns.

rule: 2.2
expect: same
runs: 2
both:
    ran (1, 2) {}
    ran (1, 3) {}
    ran (1,) {'k': 4}
    done
    ! run 2
    done
"""

import cachelib as st


@st.cache_data
def collect(*args, **kwargs):
    print(f"ran {args} {kwargs}")
    return len(args) + len(kwargs)


collect(1, 2)
collect(1, 3)
collect(1, k=4)
collect(1, 2)
collect(1, k=4)
st.write("done")
