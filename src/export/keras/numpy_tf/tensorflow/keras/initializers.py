"""keras.initializers stand-ins (values do not matter: the tests load trained weights)."""


class TruncatedNormal:
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
