"""Re-translation with MarianMT (OPUS-MT) models: transformers or CTranslate2, cached, batched.

    from mt_review.translate import load_translators
    translators, notices = load_translators()          # default models, offline-aware
    for line in notices: print(line)                   # e.g. "no en-ar model: ..."
    if "en-ar" in translators:
        mt = translators["en-ar"].translate(["The workshop was important."])
        scores = translators["en-ar"].score(["The workshop ..."], ["كانت ورشة العمل ..."])

Heavy libraries (torch, transformers, ctranslate2) are imported only when a
model is loaded.
"""

from mt_review.translate.base import (
    DIRECTIONS,
    DecodingSettings,
    ModelInfo,
    ProgressCallback,
    TokenScores,
    Translator,
)
from mt_review.translate.models import (
    DEFAULT_MODELS,
    LocalModel,
    convert,
    list_models,
    load_translator,
    load_translators,
    pull_model,
    resolve_model,
)

__all__ = [
    "DEFAULT_MODELS",
    "DIRECTIONS",
    "DecodingSettings",
    "LocalModel",
    "ModelInfo",
    "ProgressCallback",
    "TokenScores",
    "Translator",
    "convert",
    "convert_model",
    "list_models",
    "load_translator",
    "load_translators",
    "pull_model",
    "resolve_model",
]


def convert_model(src_folder, out_folder, quantization="int8", **kw):  # noqa: D103 - lazy re-export
    from mt_review.translate.ct2_backend import convert_model as _convert_model

    return _convert_model(src_folder, out_folder, quantization, **kw)


convert_model.__doc__ = "Convert a local Marian folder to CTranslate2; see ct2_backend.convert_model."
