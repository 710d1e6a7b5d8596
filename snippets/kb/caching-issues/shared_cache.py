import cachelib as st

# A Streamlit app runs its whole script again on every interaction, so the decorator
# runs again too. Two such reruns, simulated with a loop:
for rerun in (1, 2):
    st.write("rerun", rerun)

    @st.cache
    def load_orders(day):
        st.write("  load_orders ran")
        return ["order 1", "order 2"]

    load_orders("2024-05-01")
