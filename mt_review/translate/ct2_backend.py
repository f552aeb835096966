"""CTranslate2 engine and the Marian -> CTranslate2 converter.

A converted folder holds ``model.bin`` + CTranslate2's ``config.json`` and
vocabulary, plus copies of ``source.spm``, ``target.spm``, ``vocab.json`` from
the original folder (so it tokenizes exactly as the transformers engine) and
``mt-review.json`` recording where it came from (model id, revision,
quantization), which becomes its :class:`ModelInfo`.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from mt_review.errors import ModelUnavailable
from mt_review.translate.base import DecodingSettings, ModelInfo
from mt_review.translate.engine import MarianEngine, RawScore, strip_eos
from mt_review.translate.vocab import MarianVocab

METADATA = "mt-review.json"
_COPY = ("source.spm", "target.spm", "vocab.json", "target_vocab.json", "tokenizer_config.json")


def is_ct2_folder(folder: str | Path) -> bool:
    folder = Path(folder)
    return (folder / "model.bin").is_file() and (folder / "source.spm").is_file()


def read_metadata(folder: str | Path) -> dict:
    p = Path(folder) / METADATA
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def convert_model(
    src_folder: str | Path,
    out_folder: str | Path,
    quantization: str = "int8",
    *,
    model_id: str | None = None,
    revision: str | None = None,
    force: bool = False,
) -> Path:
    """Convert a local Marian folder to CTranslate2 in ``out_folder``; return it.

    Runs offline on the folder.  We load the model and tokenizer ourselves
    (``MarianMTModel``/``MarianTokenizer`` in float32) and hand them to
    CTranslate2's Marian loader instead of letting the converter call
    ``AutoTokenizer``/``from_pretrained`` with its own arguments, which ties us
    less to the converter's guesses about the installed transformers version.
    The output is written to a temporary folder and moved into place, so an
    interrupted conversion never leaves a half-written model behind.
    """
    from mt_review.translate.models import folder_revision

    src_folder, out_folder = Path(src_folder), Path(out_folder)
    if not (src_folder / "config.json").is_file():
        raise ModelUnavailable(f"{src_folder}: no config.json; not a transformers model folder")
    if out_folder.exists() and not force:
        if is_ct2_folder(out_folder):
            return out_folder
        raise ModelUnavailable(f"{out_folder} exists and is not a converted model; pass force=True")
    from mt_review import extras

    extras.require("mt", purpose="model conversion")
    import ctranslate2  # noqa: F401
    import torch
    from ctranslate2.converters.transformers import TransformersConverter
    from transformers import MarianMTModel, MarianTokenizer

    class _MarianConverter(TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            kwargs.pop("dtype", None)
            kwargs.pop("torch_dtype", None)
            return MarianMTModel.from_pretrained(model_name_or_path, dtype=torch.float32, **kwargs)

        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*sacremoses.*")
                return MarianTokenizer.from_pretrained(model_name_or_path, **kwargs)

    out_folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_folder.name}.", dir=out_folder.parent))
    try:
        copy = [str(src_folder / n) for n in _COPY if (src_folder / n).is_file()]
        conv = _MarianConverter(str(src_folder), copy_files=None)
        conv.convert(str(tmp), quantization=quantization, force=True)
        for f in copy:
            shutil.copy2(f, tmp / Path(f).name)
        meta = {
            "model_id": model_id or str(src_folder),
            "revision": revision or folder_revision(src_folder),
            "quantization": quantization,
            "source_folder": str(src_folder),
            "converter": f"ctranslate2 {ctranslate2.__version__}",
            "max_position_embeddings": json.loads((src_folder / "config.json").read_text(encoding="utf-8")).get(
                "max_position_embeddings"
            ),
        }
        (tmp / METADATA).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if out_folder.exists():
            shutil.rmtree(out_folder)
        os.replace(tmp, out_folder)
    except ModelUnavailable:
        raise
    except Exception as exc:
        raise ModelUnavailable(f"converting {src_folder} to CTranslate2 failed: {type(exc).__name__}: {exc}") from exc
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out_folder


class CT2Translator(MarianEngine):
    """A converted Marian model run by CTranslate2."""

    def __init__(
        self,
        folder: str | Path,
        *,
        model_id: str | None = None,
        revision: str | None = None,
        direction: str = "en-ar",
        decoding: DecodingSettings | None = None,
        device: str = "cpu",
        threads: int | None = None,
        compute_type: str = "default",
        batch_tokens: int = 1024,
        lang_token: str | None = None,
    ):
        import ctranslate2

        from mt_review.translate.models import folder_revision

        folder = Path(folder)
        if not is_ct2_folder(folder):
            raise ModelUnavailable(f"{folder}: not a CTranslate2 model folder converted by mt-review")
        vocab = MarianVocab(folder, target_lang=direction.split("-")[1], lang_token=lang_token)
        meta = read_metadata(folder)
        try:
            self.model = ctranslate2.Translator(
                str(folder),
                device=device,
                compute_type=compute_type,
                intra_threads=threads or 0,
                inter_threads=1,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelUnavailable(f"{folder}: cannot load CTranslate2 model ({exc})") from exc
        ct = self.model.compute_type if hasattr(self.model, "compute_type") else compute_type
        if compute_type == "default":
            ct = meta.get("quantization", ct)
        info = ModelInfo(
            model_id=model_id or meta.get("model_id") or str(folder),
            revision=revision or meta.get("revision") or folder_revision(folder),
            direction=direction,
            engine="ctranslate2",
            decoding=(decoding or DecodingSettings()).fit_positions(meta.get("max_position_embeddings")),
            compute_type=str(ct),
            lang_token=vocab.lang_token,
            path=str(folder),
        )
        super().__init__(vocab, info, batch_tokens=batch_tokens)

    def _run_translate(self, sources: list[list[str]], max_output: int) -> list[list[str]]:
        dec = self._info.decoding
        res = self.model.translate_batch(
            sources,
            beam_size=dec.beam_size,
            length_penalty=dec.length_penalty,
            max_decoding_length=max_output,
            min_decoding_length=min(dec.min_output_tokens, max_output),
            max_input_length=0,  # already truncated
            num_hypotheses=1,
            return_scores=False,
        )
        return [strip_eos(list(r.hypotheses[0])) for r in res]

    def _run_score(self, sources: list[list[str]], targets: list[list[str]]) -> list[RawScore]:
        # CTranslate2 appends </s> itself: give the target without it
        tgt = [t[:-1] if t and t[-1] == "</s>" else t for t in targets]
        res = self.model.score_batch(sources, tgt, max_input_length=0)
        return [(list(r.log_probs), None, None) for r in res]
