import threading

import cachelib as st


class SentimentModel:
    def __init__(self, name, weights):
        self.name = name
        self.weights = weights
        self._lock = threading.RLock()

    def predict(self, text):
        with self._lock:
            return sum(self.weights.get(word, 0.0) for word in text.lower().split())


# Every lock hashes to the same constant: the rest of the model still counts.
@st.cache(hash_funcs={"_thread.RLock": lambda _: None})
def score(model, text):
    st.write(f"  scoring with {model.name}")
    return model.predict(text)


review = "Great food but slow service"
st.write(score(SentimentModel("tiny-v1", {"great": 1.0, "slow": -0.5}), review))
st.write(score(SentimentModel("tiny-v1", {"great": 1.0, "slow": -0.5}), review))  # equal model
st.write(score(SentimentModel("tiny-v2", {"great": 0.5, "slow": -2.0}), review))  # other model
