"""Static methods and class methods can be cached (the decorator under @staticmethod or
@classmethod); a class argument is keyed by the class.

rule: 2.1
expect: same
runs: 2
both:
    ran static 3
    ran class Tools 3
    6 6 Tools3 Tools3
    ! run 2
    6 6 Tools3 Tools3
"""

import cachelib as st


class Tools:
    @staticmethod
    @st.cache_data
    def twice(x):
        print(f"ran static {x}")
        return 2 * x

    @classmethod
    @st.cache_resource
    def label(cls, x):
        print(f"ran class {cls.__name__} {x}")
        return f"{cls.__name__}{x}"


tools = Tools()
st.write(f"{Tools.twice(3)} {tools.twice(3)} {Tools.label(3)} {tools.label(3)}")
