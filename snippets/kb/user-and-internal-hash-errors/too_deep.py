import cachelib as st


class Reply:
    """A message in a thread: each reply answers the one before it."""

    def __init__(self, text, parent=None):
        self.text = text
        self.parent = parent


@st.cache
def thread_summary(last_reply):
    count = 0
    while last_reply is not None:
        count, last_reply = count + 1, last_reply.parent
    return f"{count} messages"


last = None
for number in range(1000):
    last = Reply(f"message {number}", last)
st.write(thread_summary(last))
