import math

import cachelib as st


@st.cache
def average_rating(ratings):
    if not ratings:
        return math.NaN  # bug: the constant is spelled math.nan
    return sum(ratings) / len(ratings)


st.write(average_rating([4, 5, 3]))  # never takes the branch with the bug
