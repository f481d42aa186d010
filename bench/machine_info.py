"""What a benchmark ran on, printed at its top, so figures from two machines can be compared.

Two runs of the same recluster differed ninefold (22 s and 185 s at 100k ideas). Matrix
products dominate it, and their speed depends on things no line of our code shows: which
BLAS kernel NumPy's OpenBLAS picked (OPENBLAS_CORETYPE forces an older one on some
processors, e.g. "Katmai" instead of "SkylakeX": several times slower), how many threads it
and torch use, and what else the cores are doing (the load average). So every bench prints
them, and `gemm_gflops()` measures the matrix product speed of this run next to the figures.
"""

from __future__ import annotations

import contextlib
import os
import platform
import time

import numpy as np

BLAS_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def cpu_model() -> str:
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def ram_gb() -> float:
    with contextlib.suppress(OSError, ValueError), open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    return float("nan")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def blas() -> str:
    """NumPy's BLAS: library, kernel it dispatched to, threads (threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:  # pragma: no cover - a dev dependency through scikit-learn
        return "BLAS unknown (threadpoolctl missing)"
    parts = [
        f"{i.get('internal_api')} {i.get('version')} kernel {i.get('architecture') or '-'}, "
        f"{i.get('num_threads')} threads"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    return "; ".join(parts) or "no BLAS found"


def describe(torch_loaded: bool = True) -> str:
    """One paragraph: CPU, cores, RAM, load, NumPy and its BLAS, torch threads, BLAS env."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    env = ", ".join(f"{k}={os.environ[k]}" for k in BLAS_ENV if k in os.environ) or "none set"
    torch_part = "torch not loaded"
    if torch_loaded:
        try:
            import torch

            torch_part = f"torch {torch.__version__} with {torch.get_num_threads()} threads"
        except ImportError:  # pragma: no cover
            torch_part = "no torch"
    return (
        f"{cpu_model()}, {cores()} usable cores, {ram_gb():.0f} GB RAM, load average {load}; "
        f"Python {platform.python_version()}, NumPy {np.__version__} ({blas()}); "
        f"{torch_part}; BLAS environment: {env}"
    )


def gemm_gflops(seconds: float = 2.0, rows: int = 2048, n: int = 20_000, dim: int = 384) -> float:
    """Single-precision matrix product speed of NumPy right now (GFLOP/s), shaped like the
    recluster's blocks: it says how fast this machine is at the moment of the run."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((rows, dim), dtype=np.float32)
    b = rng.standard_normal((n, dim), dtype=np.float32)
    a @ b.T  # warm up (threads, kernel)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        a @ b.T
        done += 1
    return 2 * rows * n * dim * done / (time.perf_counter() - started) / 1e9
