#!/usr/bin/env python3
"""The benchmark's reference models in PyTorch, timed like the browser ones.

Same layers as bench/web/models.ts (dense and cnn), Adam (lr 0.001), softmax cross-entropy,
batch 64, random data, one loss read (loss.item()) per step, torch.set_num_threads(n) for each
thread count asked (the first is the reference figure; the others are context).
Warm-up steps first, then `rounds` rounds of `seconds` each, every step timed; samples/s is
64 / the median step time (as in the browser), the mean is kept too. Prints one JSON object on stdout.

    python3 bench/pytorch_reference.py --models dense,cnn --seconds 2 --rounds 3 --threads 2,1
"""
import argparse
import json
import platform
import statistics
import sys
import time

try:
    import torch
    from torch import nn
except ImportError as err:  # reported by bench/run.ts, never a failure
    print(json.dumps({"available": False, "reason": f"python3 cannot import torch: {err}"}))
    sys.exit(0)

BATCH = 64
CLASSES = 10
SAMPLES = 8 * BATCH


def tabular_mlp(width):
    return nn.Sequential(nn.Linear(width, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())


def classifier(width):
    return nn.Sequential(nn.Linear(width, 64), nn.ReLU(), nn.Linear(64, CLASSES))


class Dense(nn.Module):
    """tabular 784 -> 128 -> 128; tabular 64 -> 64 -> 64; concat (192) -> 64 -> 10."""

    def __init__(self):
        super().__init__()
        self.pixels = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU())
        self.sound = tabular_mlp(64)
        self.head = classifier(192)

    def forward(self, pixels, sound):
        return self.head(torch.cat([self.pixels(pixels), self.sound(sound)], dim=1))


class Cnn(nn.Module):
    """image 1x28x28 -> conv 16 -> pool -> conv 32 -> pool -> global average -> 64; tabular 64 -> 64 -> 64; concat (128) -> 64 -> 10."""

    def __init__(self):
        super().__init__()
        self.image = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 64), nn.ReLU(),
        )
        self.sound = tabular_mlp(64)
        self.head = classifier(128)

    def forward(self, image, sound):
        return self.head(torch.cat([self.image(image), self.sound(sound)], dim=1))


def data(model_id, gen):
    labels = torch.randint(0, CLASSES, (SAMPLES,), generator=gen)
    sound = torch.rand(SAMPLES, 64, generator=gen) * 2 - 1
    if model_id == "dense":
        first = torch.rand(SAMPLES, 784, generator=gen) * 2 - 1
    else:
        first = torch.rand(SAMPLES, 1, 28, 28, generator=gen)
    return first, sound, labels


def measure(model_id, seconds, rounds, warmup):
    gen = torch.Generator().manual_seed(7)
    torch.manual_seed(42)
    model = Dense() if model_id == "dense" else Cnn()
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    first, sound, labels = data(model_id, gen)
    batches = SAMPLES // BATCH
    state = {"i": 0}

    def step():
        s = (state["i"] % batches) * BATCH
        state["i"] += 1
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(first[s:s + BATCH], sound[s:s + BATCH]), labels[s:s + BATCH])
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(warmup):
        step()
    runs, mean_runs, steps, every = [], [], [], []
    for _ in range(rounds):
        times = []
        while len(times) < 3 or sum(times) < seconds:
            t = time.perf_counter()
            step()
            times.append(time.perf_counter() - t)
        # As in the browser: 64 / the median step time (robust to other jobs), and the mean.
        runs.append(round(BATCH / statistics.median(times), 1))
        mean_runs.append(round(len(times) * BATCH / sum(times), 1))
        steps.append(len(times))
        every.extend(times)
    params = sum(p.numel() for p in model.parameters())
    return {
        "runs": runs,
        "meanRuns": mean_runs,
        "steps": steps,
        "median": round(BATCH / statistics.median(every), 1),
        "mean": round(len(every) * BATCH / sum(every), 1),
        "paramCount": params,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", default="dense,cnn")
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", default="2", help="thread counts, the first is the reference: 2 or 2,1")
    a = p.parse_args()
    counts = [int(t) for t in a.threads.split(",")]
    out = {
        "available": True,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "threads": counts[0],
        "mkldnn": bool(torch.backends.mkldnn.is_available()),
        "models": {},
        "otherThreads": {},
    }
    for i, n in enumerate(counts):
        torch.set_num_threads(n)
        models = out["models"] if i == 0 else out["otherThreads"].setdefault(str(n), {})
        for m in a.models.split(","):
            models[m] = measure(m, a.seconds, a.rounds, a.warmup)
            print(f"pytorch {m} ({torch.get_num_threads()} threads): {models[m]['runs']} samples/s", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
