import threading

import cachelib as st


class SentimentModel:
    """A stand-in for a real model: weights, a lock, and a counter it updates."""

    def __init__(self, name):
        self.name = name
        self.weights = {"great": 1.0, "good": 0.5, "slow": -0.5, "cold": -1.0}
        self.predictions = 0
        self._lock = threading.RLock()

    def predict(self, text):
        with self._lock:
            self.predictions += 1  # the model changes on every use
            return sum(self.weights.get(word, 0.0) for word in text.lower().split())


loads = []


@st.cache_resource
def load_model(name):
    loads.append(name)
    return SentimentModel(name)


for review in ("Great food", "Good but slow", "Cold soup"):  # three reruns, or three users
    model = load_model("tiny-v1")
    st.write(f"{review!r}: {model.predict(review):+.1f}")

st.write("loaded:", loads)
st.write("one model object:", load_model("tiny-v1") is model)
st.write("predictions made by it:", model.predictions)
st.write("another name, another model:", load_model("tiny-v2") is not model)
