"""Recluster speed and memory at portal scale: dedup.clustering.cluster on N ideas.

    .venv/bin/python bench/recluster_speed.py [--n 100000] [--repeats 3] [--threshold T]

Builds N synthetic idea vectors the way bench/similar_latency.py does (2,000 texts encoded
with the bundled model, each idea a random mix of two of them plus noise: the clumpy geometry
of real embeddings), then times cluster() on all of them `--repeats` times and prints every
run and the median, the memory cluster() allocated (tracemalloc: NumPy reports its buffers),
the process's peak RSS, and what the machine was doing: its description (CPU, cores, RAM,
load, NumPy's BLAS kernel and threads, torch threads, BLAS environment) and the matrix-product
speed measured just before and after the runs. The threshold is the one `flask recluster`
uses when none is configured (clustering.adaptive_threshold on these vectors); --threshold
fixes one instead (0.60 is the configured fallback, where the synthetic ideas have many more
pairs above it). Target: under 120 s at 100k ideas on 2 cores.

Why the machine matters: nearly all the work is n^2/2 dot products of 384 floats (2 x 10^12
multiply-adds at 100k), so the time is that divided by the BLAS speed of the moment. The
same code takes ~25 s where NumPy's OpenBLAS runs its AVX-512 kernel at ~150 GFLOP/s on two
idle cores, and several times longer with an older kernel forced by OPENBLAS_CORETYPE or with
other processes on the cores; the printed GFLOP/s says which case a run was.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import numpy as np  # noqa: E402
from machine_info import describe, gemm_gflops  # noqa: E402

from ideaportal.dedup import ranking  # noqa: E402
from ideaportal.dedup.clustering import adaptive_threshold, cluster  # noqa: E402

TARGET_S = 120.0


def synthetic_vectors(n: int, seed: int = 7) -> np.ndarray:
    """The similar_latency bench's idea vectors (same seed, same vectors)."""
    from similar_latency import make_texts, mixed_vectors, vocabulary

    from ideaportal.dedup.encoder import get_encoder
    from ideaportal.dedup.text import idea_text

    rng = np.random.default_rng(seed)
    vocab = vocabulary(rng)
    titles, bodies = make_texts(rng, vocab, n)
    base_n = min(n, 2000)
    texts = [idea_text(t, b) for t, b in zip(titles[:base_n], bodies[:base_n], strict=True)]
    base = get_encoder().encode(texts, batch_size=64)
    return mixed_vectors(rng, base, n)


def measure(vectors: np.ndarray, threshold: float, repeats: int) -> list[float]:
    """Seconds per cluster() run; prints each run with its allocation peak."""
    ids = list(range(len(vectors)))
    seconds: list[float] = []
    for run in range(1, repeats + 1):
        tracemalloc.start()
        started = time.perf_counter()
        groups = cluster(ids, vectors, threshold)
        seconds.append(time.perf_counter() - started)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"  run {run}: {seconds[-1]:6.1f} s, {peak / 2**20:,.0f} MB allocated at peak, "
            f"{len(groups):,} groups",
            flush=True,
        )
    return seconds


def report(n: int, threshold: float, how: str, seconds: list[float], before: float) -> None:
    after = gemm_gflops()
    median = statistics.median(seconds)
    work = n * (n - 1) / 2 * 384 * 2 / 1e9  # GFLOP of the upper triangle's dot products
    print(
        f"  recluster of {n:,} ideas at cosine {threshold:.2f} ({how}): median {median:.1f} s "
        f"over {len(seconds)} runs (min {min(seconds):.1f}, max {max(seconds):.1f}) | target "
        f"< {TARGET_S:.0f} s: {'OK' if median < TARGET_S else 'MISSED'}"
    )
    print(
        f"  matrix products alone would take {work / max(before, after):.1f}-"
        f"{work / min(before, after):.1f} s at this run's measured {before:.0f} GFLOP/s "
        f"(before) and {after:.0f} GFLOP/s (after)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threshold", type=float, help="fixed cosine (default: adaptive)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"recluster speed at {args.n:,} synthetic ideas")
    vectors = synthetic_vectors(args.n, args.seed)
    print(f"machine: {describe()}")
    if args.threshold is None:
        threshold = adaptive_threshold(vectors, fallback=ranking.DEFAULT_DUPLICATE_THRESHOLD)
        how = "adaptive, as flask recluster"
    else:
        threshold, how = args.threshold, "fixed"
    before = gemm_gflops()
    seconds = measure(vectors, threshold, args.repeats)
    report(args.n, threshold, how, seconds, before)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process peak RSS {rss:,.0f} MB (includes the model used to make the vectors)")
    print(f"machine after: {describe()}")


if __name__ == "__main__":
    main()
