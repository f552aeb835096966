"""Build tiny, random-weight Marian models for tests (no network, a second or two).

The folder written by :func:`build_tiny_marian` has the same files as a real
OPUS-MT model on the hub (``config.json``, ``model.safetensors``,
``generation_config.json``, ``source.spm``, ``target.spm``, ``vocab.json``,
``tokenizer_config.json`` ...), written by ``save_pretrained``, so it loads
through the same code paths as ``Helsinki-NLP/opus-mt-en-ar``: MarianMTModel,
MarianTokenizer and the CTranslate2 converter.

The weights are random: translations are gibberish, but deterministic, and
both engines must agree on them.  Use it for plumbing tests, never for quality.

    from tests.tiny_marian import build_tiny_marian
    folder = build_tiny_marian(tmp_path / "tiny-en-ar", with_lang_token=True)
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

# A few dozen sentences: the seed corpus (corpora/strongcities) and our own.
ENGLISH = [
    "Enhancing National-Local Coordination on Prevention, Preparedness and Response to Radicalisation and Terrorist Attacks",
    "Strong Cities worked with IIJ in Surabaya, Indonesia, to co-host a workshop on national-local coordination.",
    "In July, the Strong Cities Network Central Management Unit joined the International Institute for Justice and the Rule of Law.",
    "The workshop brought together national and local government officials and civil society representatives.",
    "Participants came from Malaysia, the Philippines and Indonesia, along with several international speakers.",
    "On the first day, participants were invited to share their views on the current threat landscape.",
    "The second day looked at the role of the internet in preventing escalation to violence.",
    "Topics included using hashtags to monitor online reactions to an attack.",
    "The final day covered the role of community and religious leaders in prevention and response.",
    "Participants were briefed by Charlotte Moeyens, Director of Strong Cities, on the Strong Cities Toolkit.",
    "The toolkit is available in English, French and Arabic.",
    "Responding to a Terrorist Attack",
    "The training also drew on a mapping of coordination gaps and challenges in Indonesia.",
    "The workshop was an important next step in the Network's work in Southeast Asia.",
    "2 minutes reading time",
    "This page was translated automatically.",
    "The city council approved the new budget on Monday.",
    "Local leaders met with young people to discuss safety in their neighbourhoods.",
    "We thank our partners for their support and commitment.",
    "The report will be published in three languages next month.",
    "Mayors from twelve countries attended the global summit in Amman.",
    "Read more about our work with cities in the Middle East and North Africa.",
    "Contact us by email for more information.",
    "The number of participants increased from 40 to 120 between 2019 and 2023.",
    "Social media can help identify the support communities need to recover.",
    "Prevention works best when national and local governments share information.",
    "A policy brief on good practices was produced after the workshop.",
    "Civil society organisations play a key role in building trust.",
]

ARABIC = [
    "تعزيز التنسيق الوطني والمحلي بشأن الوقاية والتأهب والاستجابة للتطرف والهجمات الإرهابية",
    "تعاونت المدن القوية مع المعهد الدولي للعدالة وسيادة القانون في سورابايا، إندونيسيا.",
    "في يوليو، انضمت وحدة الإدارة المركزية لشبكة المدن القوية إلى المعهد الدولي للعدالة وسيادة القانون.",
    "وضمت حلقة العمل مسؤولين حكوميين وطنيين ومحليين وممثلين عن المجتمع المدني.",
    "جاء المشاركون من ماليزيا والفلبين وإندونيسيا، ومجموعة من المتحدثين الدوليين.",
    "دعا اليوم الأول المشاركين إلى تبادل وجهات نظرهم حول المشهد الحالي للتهديدات.",
    "وركز اليوم الثاني على دور الإنترنت في منع التصعيد إلى العنف.",
    "وشملت الموضوعات استخدام علامات التصنيف لمراقبة الاستجابات عبر الإنترنت للهجوم.",
    "وتناول اليوم الأخير دور قادة المجتمع والزعماء الدينيين في الوقاية والاستجابة.",
    "أطلعت شارلوت مويينز، مديرة المدن القوية، المشاركين على مجموعة أدوات المدن القوية.",
    "مجموعة الأدوات متاحة باللغات الإنجليزية والفرنسية والعربية.",
    "الاستجابة لهجوم إرهابي",
    "واستند التدريب أيضا إلى رسم خرائط لفجوات التنسيق والتحديات في إندونيسيا.",
    "كانت ورشة العمل خطوة تالية مهمة في عمل الشبكة في جنوب شرق آسيا.",
    "دقيقتان وقت القراءة",
    "تمت ترجمة هذه الصفحة تلقائيا.",
    "وافق مجلس المدينة على الميزانية الجديدة يوم الاثنين.",
    "التقى القادة المحليون بالشباب لمناقشة السلامة في أحيائهم.",
    "نشكر شركاءنا على دعمهم والتزامهم.",
    "سيتم نشر التقرير بثلاث لغات الشهر المقبل.",
    "حضر رؤساء بلديات من اثني عشر بلدا القمة العالمية في عمان.",
    "اقرأ المزيد عن عملنا مع المدن في الشرق الأوسط وشمال أفريقيا.",
    "اتصل بنا عبر البريد الإلكتروني لمزيد من المعلومات.",
    "ارتفع عدد المشاركين من 40 إلى 120 بين عامي 2019 و2023.",
    "يمكن لوسائل التواصل الاجتماعي أن تساعد في تحديد الدعم الذي تحتاجه المجتمعات.",
    "تنجح الوقاية عندما تتبادل الحكومات الوطنية والمحلية المعلومات.",
    "صدر موجز سياسات بشأن الممارسات الجيدة بعد ورشة العمل.",
    "تؤدي منظمات المجتمع المدني دورا رئيسيا في بناء الثقة.",
]

# Multi-target OPUS-MT models (opus-mt-en-ar, opus-mt-tc-big-en-ar) carry
# target-language tokens like these at the start of their vocabulary.
LANG_TOKENS = [">>apc<<", ">>ara<<", ">>arq<<", ">>arz<<"]


def _train_spm(lines: list[str], vocab_size: int, seed: int) -> bytes:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 3),
        model_writer=buf,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        # Marian's spm models: 0 <unk>, 1 <s>, 2 </s>; no pad piece
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        seed_sentencepiece_size=20000,
        num_threads=1,
        minloglevel=2,
    )
    return buf.getvalue()


def _pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_tiny_marian(
    folder: str | os.PathLike,
    *,
    direction: str = "en-ar",
    with_lang_token: bool = False,
    seed: int = 0,
    d_model: int = 32,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 64,
    vocab_size: int = 400,
    pad_vocab_to: int | None = None,
    weight_scale: float = 0.5,
) -> Path:
    """Write a tiny random Marian model for ``direction`` into ``folder``; return it.

    ``with_lang_token`` adds ``>>ara<<`` style tokens to the shared vocabulary
    as multi-target OPUS-MT models have.  ``pad_vocab_to`` pads ``vocab.json``
    (and so the embedding matrix) with unused entries up to that size, for a
    benchmark model of the real size.  The weights are drawn with ``seed``
    and scaled by ``weight_scale`` so greedy decisions are clear-cut (no
    near-ties between engines).
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    src_lang, tgt_lang = direction.split("-")
    lines = {"en": ENGLISH, "ar": ARABIC}
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    src_model = _train_spm(lines[src_lang], vocab_size, seed)
    tgt_model = _train_spm(lines[tgt_lang], vocab_size, seed)
    (folder / "source.spm").write_bytes(src_model)
    (folder / "target.spm").write_bytes(tgt_model)

    # Shared vocab as in OPUS-MT: </s> 0, <unk> 1, [language tokens], pieces ..., <pad> last
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    if with_lang_token:
        for tok in LANG_TOKENS:
            vocab.setdefault(tok, len(vocab))
    for piece in _pieces(src_model) + _pieces(tgt_model):
        if piece in ("<unk>", "<s>", "</s>"):
            continue
        vocab.setdefault(piece, len(vocab))
    if pad_vocab_to:
        i = 0
        while len(vocab) < pad_vocab_to - 1:
            vocab[f"<unused{i}>"] = len(vocab)
            i += 1
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")

    n = len(vocab)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=n,
        decoder_vocab_size=n,
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=512,
        activation_function="swish",
        scale_embedding=True,
        static_position_embeddings=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        gen = torch.Generator().manual_seed(seed)
        for name, p in model.named_parameters():
            if "embed_positions" in name:
                continue  # sinusoidal, fixed
            if name.endswith("weight") and p.dim() == 2:
                p.copy_(torch.randn(p.shape, generator=gen) * weight_scale / (p.shape[1] ** 0.5) * 4)
            elif "layer_norm" in name and name.endswith("weight"):
                p.fill_(1.0)
            else:
                p.zero_()
        # Marian starts decoding from the <pad> embedding, which is zero.
        model.model.shared.weight[pad].zero_()
        model.final_logits_bias.zero_()
    model.generation_config = GenerationConfig(
        bos_token_id=0,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        bad_words_ids=[[pad]],
        max_length=512,
        num_beams=1,
    )
    model.save_pretrained(folder)

    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        tok = MarianTokenizer(
            source_spm=str(folder / "source.spm"),
            target_spm=str(folder / "target.spm"),
            vocab=str(folder / "vocab.json"),
            source_lang=src_lang,
            target_lang=tgt_lang,
        )
    tok.save_pretrained(folder)
    return folder


_SHARED: dict[tuple, Path] = {}


def shared_tiny_marian(direction: str = "en-ar", with_lang_token: bool = False, seed: int = 0) -> Path:
    """Build once per test process (in a temporary folder) and reuse: for session fixtures.

    conftest.py:

        @pytest.fixture(scope="session")
        def tiny_marian_dir():
            from tests.tiny_marian import shared_tiny_marian
            return shared_tiny_marian("en-ar", with_lang_token=True)
    """
    import atexit
    import shutil
    import tempfile

    key = (direction, with_lang_token, seed)
    if key not in _SHARED:
        root = Path(tempfile.mkdtemp(prefix="tiny-marian-"))
        atexit.register(shutil.rmtree, root, True)
        _SHARED[key] = build_tiny_marian(root / f"tiny-{direction}", direction=direction,
                                         with_lang_token=with_lang_token, seed=seed)
    return _SHARED[key]
