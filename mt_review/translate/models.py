"""Models on this machine: find, fetch, convert and load them, never hanging on the network.

* :func:`list_models` - Marian models in the Hugging Face cache (``HF_HOME`` /
  ``HF_HUB_CACHE`` honoured) and CTranslate2 folders converted by mt-review.
* :func:`pull_model` - download a hub model (``mt-review models pull``).
* :func:`convert` - convert a cached/local model to CTranslate2 (``mt-review models convert``).
* :func:`resolve_model` - a spec (folder or hub id) to a local folder; looks in
  the local cache first and only touches the network when it answers quickly.
* :func:`load_translators` - what ``review`` calls: the translators that could
  be loaded, by direction, and one notice line for each that could not.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from mt_review import extras
from mt_review.errors import ModelUnavailable
from mt_review.translate.base import DIRECTIONS, DecodingSettings, Translator

DEFAULT_MODELS = {
    # docs/MODELS.md gives the evidence behind these choices.
    "en-ar": "Helsinki-NLP/opus-mt-tc-big-en-ar",
    "ar-en": "Helsinki-NLP/opus-mt-ar-en",
}
ALTERNATIVE_MODELS = {
    "en-ar": ("Helsinki-NLP/opus-mt-en-ar",),
    "ar-en": ("Helsinki-NLP/opus-mt-tc-big-ar-en",),
}
_MODEL_FILES = ("config.json", "generation_config.json", "tokenizer_config.json", "special_tokens_map.json",
                "vocab.json", "target_vocab.json", "source.spm", "target.spm")
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class LocalModel:
    model_id: str  # hub id, or the folder for converted/local models
    engine: str  # "transformers" or "ctranslate2"
    path: str
    revision: str
    direction: str | None  # guessed from the id ("en-ar", "ar-en") when it says
    size_bytes: int
    quantization: str | None = None  # ctranslate2 only

    def line(self) -> str:
        q = f" {self.quantization}" if self.quantization else ""
        return (f"{self.model_id}  {self.engine}{q}  {self.direction or '?'}  "
                f"{self.revision[:12]}  {self.size_bytes / 1e6:.0f} MB  {self.path}")


# -- places ------------------------------------------------------------------
def hub_cache_dir() -> Path:
    """The hub cache, as huggingface_hub resolves it (HF_HUB_CACHE, HF_HOME, XDG_CACHE_HOME)."""
    env = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if env:
        return Path(env).expanduser()
    home = os.environ.get("HF_HOME")
    if home:
        return Path(home).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def converted_models_dir() -> Path:
    """Where ``models convert`` puts CTranslate2 folders (``MT_REVIEW_MODELS_DIR`` overrides)."""
    env = os.environ.get("MT_REVIEW_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("mt-review")) / "ct2"


def converted_folder_for(model_id: str, revision: str, quantization: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "--", model_id.strip("/"))
    return converted_models_dir() / f"{safe}@{revision[:12]}-{quantization}"


def is_offline() -> bool:
    v = os.environ.get("HF_HUB_OFFLINE", "") or os.environ.get("TRANSFORMERS_OFFLINE", "")
    return v.strip().lower() in ("1", "true", "yes", "on")


_PROBES: dict[str, tuple[float, tuple[bool, str]]] = {}


def hub_reachable(timeout: float = 3.0) -> tuple[bool, str]:
    """Can we open a TCP connection to the hub within ``timeout`` seconds (DNS included)?

    The answer is remembered for a minute, so loading two directions costs one probe."""
    if is_offline():
        return False, "offline: HF_HUB_OFFLINE is set"
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    now = time.monotonic()
    hit = _PROBES.get(endpoint)
    if hit and now - hit[0] < 60:
        return hit[1]
    answer = _probe(endpoint, timeout)
    _PROBES[endpoint] = (now, answer)
    return answer


def _probe(endpoint: str, timeout: float) -> tuple[bool, str]:
    u = urlparse(endpoint)
    host, port = u.hostname or "huggingface.co", u.port or (443 if u.scheme != "http" else 80)
    result: list[str] = []

    def probe() -> None:
        try:
            socket.create_connection((host, port), timeout=timeout).close()
            result.append("ok")
        except OSError as exc:
            result.append(f"{type(exc).__name__}: {exc}".strip())

    t = threading.Thread(target=probe, daemon=True)
    t.start()
    t.join(timeout + 0.5)
    if not result:
        return False, f"offline: no answer from {host} in {timeout:.0f}s"
    if result[0] != "ok":
        return False, f"offline: {host} unreachable ({result[0][:80]})"
    return True, "ok"


# -- revisions ---------------------------------------------------------------
_SNAPSHOT_RE = re.compile(r"[/\\]snapshots[/\\]([0-9a-f]{40})(?:[/\\]|$)")


def folder_revision(folder: str | Path) -> str:
    """The hub commit hash when ``folder`` is a hub snapshot, else ``sha256:<12 hex>``
    of its config, vocabulary and weight files: names, sizes, the JSON files'
    contents and the weights' modification times (so a retrained model in the
    same folder gets a new revision and old cache entries are not reused)."""
    folder = Path(folder)
    m = _SNAPSHOT_RE.search(str(folder.resolve()) + "/") or _SNAPSHOT_RE.search(str(folder) + "/")
    if m:
        return m.group(1)
    h = hashlib.sha256()
    names = sorted(set(_MODEL_FILES) | set(_WEIGHTS) | {"model.bin", "mt-review.json"})
    for name in names:
        p = folder / name
        if p.is_file():
            st = p.stat()
            # weights rewritten in place keep their size: their mtime tells them apart
            stamp = st.st_mtime_ns if name in _WEIGHTS or name == "model.bin" else 0
            h.update(f"{name}:{st.st_size}:{stamp}\n".encode())
            if name.endswith(".json") and st.st_size < 1_000_000:
                h.update(p.read_bytes())
    return "sha256:" + h.hexdigest()[:12]


def _folder_size(folder: Path) -> int:
    total = 0
    for p in folder.iterdir():
        try:
            total += p.stat().st_size  # follows the snapshot symlinks to the blobs
        except OSError:
            pass
    return total


def _direction_of(model_id: str) -> str | None:
    m = re.search(r"(?:^|[-_/])(en|eng)[-_](ar|ara)(?:$|[-_@])", model_id)
    if m:
        return "en-ar"
    m = re.search(r"(?:^|[-_/])(ar|ara)[-_](en|eng)(?:$|[-_@])", model_id)
    return "ar-en" if m else None


def _is_marian(folder: Path) -> bool:
    try:
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return cfg.get("model_type") == "marian" or "MarianMTModel" in (cfg.get("architectures") or [])


# -- list / pull / convert (the `models` CLI) --------------------------------
def _cached_snapshot(model_id: str) -> Path | None:
    """The folder of ``model_id`` in the hub cache (refs/main, else the newest snapshot)."""
    repo = hub_cache_dir() / ("models--" + model_id.replace("/", "--"))
    snaps = repo / "snapshots"
    if not snaps.is_dir():
        return None
    ref = repo / "refs" / "main"
    if ref.is_file():
        cand = snaps / ref.read_text().strip()
        if _complete(cand):
            return cand
    complete = [p for p in snaps.iterdir() if _complete(p)]
    return max(complete, key=lambda p: p.stat().st_mtime) if complete else None


def _complete(folder: Path) -> bool:
    return (
        folder.is_dir()
        and (folder / "config.json").is_file()
        and (folder / "source.spm").is_file()
        and (folder / "vocab.json").is_file()
        and any((folder / w).is_file() for w in _WEIGHTS)
    )


def list_models() -> list[LocalModel]:
    """Marian models in the hub cache and CTranslate2 folders converted by mt-review."""
    out: list[LocalModel] = []
    cache = hub_cache_dir()
    if cache.is_dir():
        for repo in sorted(cache.glob("models--*")):
            model_id = repo.name[len("models--"):].replace("--", "/")
            snaps = repo / "snapshots"
            if not snaps.is_dir():
                continue
            for snap in sorted(snaps.iterdir()):
                if _complete(snap) and _is_marian(snap):
                    out.append(LocalModel(model_id, "transformers", str(snap), snap.name,
                                          _direction_of(model_id), _folder_size(snap)))
    conv = converted_models_dir()
    if conv.is_dir():
        from mt_review.translate.ct2_backend import is_ct2_folder, read_metadata

        for folder in sorted(conv.iterdir()):
            if not is_ct2_folder(folder):
                continue
            meta = read_metadata(folder)
            mid = meta.get("model_id", str(folder))
            out.append(LocalModel(mid, "ctranslate2", str(folder), meta.get("revision") or folder_revision(folder),
                                  _direction_of(mid), _folder_size(folder), meta.get("quantization")))
    return out


def pull_model(model_id: str, *, revision: str | None = None, timeout: float = 10.0) -> Path:
    """Download ``model_id`` (only the files a Marian model needs) into the hub cache; return its folder."""
    ok, why = hub_reachable()
    if not ok:
        raise ModelUnavailable(
            f"cannot download {model_id}: the hub is unreachable ({why}); "
            "run 'mt-review models pull' on a networked machine and copy the cache (HF_HOME)"
        )
    try:
        import huggingface_hub as hh

        files = set(hh.list_repo_files(model_id, revision=revision))
        weights = [w for w in _WEIGHTS if w in files][:1]
        if not weights:
            raise ModelUnavailable(f"{model_id}: no PyTorch weights (model.safetensors / pytorch_model.bin) on the hub")
        patterns = [f for f in _MODEL_FILES if f in files] + weights
        path = hh.snapshot_download(model_id, revision=revision, allow_patterns=patterns, etag_timeout=timeout)
    except ModelUnavailable:
        raise
    except Exception as exc:
        raise ModelUnavailable(f"cannot download {model_id}: {type(exc).__name__}: {exc}") from exc
    return Path(path)


def convert(spec: str, *, quantization: str = "int8", out: str | Path | None = None, force: bool = False) -> Path:
    """Convert a local folder or a cached hub model to CTranslate2 (``models convert``); return the folder."""
    from mt_review.translate.ct2_backend import convert_model

    src = resolve_model(spec, None, download=False)
    rev = folder_revision(src)
    model_id = spec if not Path(spec).expanduser().exists() else str(Path(spec).expanduser().resolve())
    dest = Path(out) if out else converted_folder_for(model_id, rev, quantization)
    return convert_model(src, dest, quantization, model_id=model_id, revision=rev, force=force)


# -- resolve / load ------------------------------------------------------------
def _looks_like_path(spec: str) -> bool:
    return spec.startswith((".", "/", "~")) or os.sep in spec.replace("/", "", 1) or spec.count("/") > 1 or (
        os.path.exists(os.path.expanduser(spec))
    )


def resolve_model(spec: str, direction: str | None = None, *, download: bool = True) -> Path:
    """A local folder for ``spec``: an existing folder, or a hub id from the local cache.

    When the id is not cached it is downloaded only if ``download`` and the
    hub answers within a few seconds (never with ``HF_HUB_OFFLINE=1``);
    otherwise :class:`ModelUnavailable` says what to do, in one line.
    """
    label = f"no {direction} model" if direction else "no model"
    p = Path(spec).expanduser()
    if p.is_dir():
        return p
    if _looks_like_path(spec):
        raise ModelUnavailable(f"{label}: {spec} is not a folder")
    snap = _cached_snapshot(spec)
    if snap is not None:
        return snap
    hint = (f"run 'mt-review models pull {spec}' on a networked machine"
            + (f" or pass --model-{direction} PATH" if direction else ""))
    if not download:
        raise ModelUnavailable(f"{label}: {spec} is not in the local cache ({hub_cache_dir()}); {hint}")
    ok, why = hub_reachable()
    if not ok:
        raise ModelUnavailable(f"{label}: {spec} is not in the local cache and the hub is unreachable ({why}); {hint}")
    try:
        return pull_model(spec)
    except ModelUnavailable as exc:
        raise ModelUnavailable(f"{label}: {exc}") from exc


def require_engine(engine: str = "auto") -> None:
    """Raise :class:`ModelUnavailable` (one line naming the ``mt`` extra) when ``engine`` cannot run here."""
    transformers = ("sentencepiece", "torch", "transformers")
    ct2 = ("sentencepiece", "ctranslate2")
    if engine == "transformers":
        extras.require("mt", transformers)
    elif engine == "ctranslate2":
        extras.require("mt", ct2)
    elif extras.missing("mt", transformers) and extras.missing("mt", ct2):
        extras.require("mt")


def load_translator(
    spec: str,
    direction: str,
    *,
    engine: str = "auto",
    device: str = "cpu",
    beam: int = 1,
    batch_tokens: int = 1024,
    threads: int | None = None,
    max_input_tokens: int = 256,
    lang_token: str | None = None,
    compute_type: str = "int8",
    download: bool = True,
) -> Translator:
    """One uncached translator.  ``engine="auto"`` uses a CTranslate2 conversion of the
    model when there is one (``models convert``), else transformers."""
    require_engine(engine)
    from mt_review.translate.ct2_backend import CT2Translator, is_ct2_folder, read_metadata
    from mt_review.translate.hf_backend import TransformersTranslator

    if engine not in ("auto", "transformers", "ctranslate2"):
        raise ValueError(f"engine must be auto, transformers or ctranslate2, not {engine!r}")
    decoding = DecodingSettings(beam_size=beam, max_input_tokens=max_input_tokens)
    folder = resolve_model(spec, direction, download=download)
    is_path = _looks_like_path(spec) or Path(spec).expanduser().is_dir()
    model_id = str(folder.resolve()) if is_path else spec

    if is_ct2_folder(folder):
        if engine == "transformers":
            raise ModelUnavailable(f"no {direction} model: {spec} is a CTranslate2 folder; use engine ctranslate2")
        meta = read_metadata(folder)
        return CT2Translator(folder, direction=direction, decoding=decoding, device=device, threads=threads,
                             batch_tokens=batch_tokens, lang_token=lang_token,
                             model_id=meta.get("model_id") or model_id)

    revision = folder_revision(folder)
    if engine in ("auto", "ctranslate2"):
        ct2 = converted_folder_for(model_id, revision, compute_type)
        if not is_ct2_folder(ct2) and engine == "ctranslate2":
            ct2 = convert(str(folder) if is_path else spec, quantization=compute_type, out=ct2)
        if is_ct2_folder(ct2):
            return CT2Translator(ct2, model_id=model_id, revision=revision, direction=direction, decoding=decoding,
                                 device=device, threads=threads, batch_tokens=batch_tokens, lang_token=lang_token)
    return TransformersTranslator(folder, model_id=model_id, revision=revision, direction=direction,
                                  decoding=decoding, device=device, threads=threads, batch_tokens=batch_tokens,
                                  lang_token=lang_token)


def load_translators(
    en_ar: str | None = None,
    ar_en: str | None = None,
    *,
    engine: str = "auto",
    device: str = "cpu",
    beam: int = 1,
    batch_tokens: int = 1024,
    cache_path: str | os.PathLike | None = None,
    use_cache: bool = True,
    require: bool = False,
    threads: int | None = None,
    max_input_tokens: int = 256,
    compute_type: str = "int8",
    download: bool = True,
) -> tuple[dict[str, Translator], list[str]]:
    """Load the translators for both directions.

    ``en_ar`` / ``ar_en``: a folder or hub id; ``None`` means the default
    model (:data:`DEFAULT_MODELS`); ``""`` or ``"none"`` skips the direction
    without a notice.  Returns ``({direction: translator}, notices)``, one
    notice line per direction that could not be loaded.  With ``require``
    the first failure raises :class:`ModelUnavailable` instead.  Translators
    are wrapped in the SQLite cache unless ``use_cache`` is false.  Hub ids
    not in the local cache are downloaded when ``download`` is true and the
    hub answers within seconds; never with ``HF_HUB_OFFLINE=1``.
    """
    from mt_review.translate.cache import CachedTranslator, TranslationCache

    specs = {"en-ar": en_ar, "ar-en": ar_en}
    translators: dict[str, Translator] = {}
    notices: list[str] = []
    cache: TranslationCache | None = None
    wanted = [d for d in DIRECTIONS if specs[d] is None or (specs[d] or "").strip().lower() not in ("", "none")]
    if wanted:
        try:
            require_engine(engine)
        except ModelUnavailable as exc:  # one line for the whole run, not one per direction
            if require:
                raise
            return translators, [str(exc)]
    for direction in wanted:
        spec = specs[direction]
        if spec is None:
            spec = DEFAULT_MODELS[direction]
        try:
            t = load_translator(spec, direction, engine=engine, device=device, beam=beam,
                                batch_tokens=batch_tokens, threads=threads, max_input_tokens=max_input_tokens,
                                compute_type=compute_type, download=download)
        except ModelUnavailable as exc:
            msg = " ".join(str(exc).split())
            if not msg.startswith("no "):
                msg = f"no {direction} model: {msg}"
            if require:
                raise ModelUnavailable(msg) from exc
            notices.append(msg)
            continue
        if use_cache:
            if cache is None:
                cache = TranslationCache(cache_path)
                notices.extend(cache.notices)
            t = CachedTranslator(t, cache)
        translators[direction] = t
    return translators, notices
