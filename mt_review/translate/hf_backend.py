"""transformers engine: ``MarianMTModel`` run with torch."""

from __future__ import annotations

from pathlib import Path

from mt_review.errors import ModelUnavailable
from mt_review.translate.base import DecodingSettings, ModelInfo
from mt_review.translate.engine import MarianEngine, RawScore, strip_eos
from mt_review.translate.vocab import MarianVocab


class TransformersTranslator(MarianEngine):
    """A Marian model folder (hub snapshot or local) run by transformers/torch."""

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
        batch_tokens: int = 1024,
        lang_token: str | None = None,
        dtype: str = "float32",
    ):
        import torch
        from transformers import MarianMTModel
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # mt-review draws its own progress; no tqdm bars in reports' logs

        from mt_review.translate.models import folder_revision

        folder = Path(folder)
        if threads:
            torch.set_num_threads(threads)
        vocab = MarianVocab(folder, target_lang=direction.split("-")[1], lang_token=lang_token)
        try:
            self.model = MarianMTModel.from_pretrained(str(folder), dtype=getattr(torch, dtype)).eval().to(device)
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(f"{folder}: cannot load Marian model ({exc})") from exc
        self.torch = torch
        self.device = device
        cfg = self.model.config
        self.decoder_start = cfg.decoder_start_token_id if cfg.decoder_start_token_id is not None else vocab.pad_id
        self.pad_id = cfg.pad_token_id if cfg.pad_token_id is not None else vocab.pad_id
        info = ModelInfo(
            model_id=model_id or str(folder),
            revision=revision or folder_revision(folder),
            direction=direction,
            engine="transformers",
            decoding=(decoding or DecodingSettings()).fit_positions(getattr(cfg, "max_position_embeddings", None)),
            compute_type=dtype,
            lang_token=vocab.lang_token,
            path=str(folder),
        )
        super().__init__(vocab, info, batch_tokens=batch_tokens)

    def _pad(self, seqs: list[list[int]]):
        torch = self.torch
        n = max(len(s) for s in seqs)
        ids = torch.full((len(seqs), n), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(seqs), n), dtype=torch.long)
        for r, s in enumerate(seqs):
            ids[r, : len(s)] = torch.tensor(s, dtype=torch.long)
            mask[r, : len(s)] = 1
        return ids.to(self.device), mask.to(self.device)

    def _run_translate(self, sources: list[list[str]], max_output: int) -> list[list[str]]:
        from transformers import GenerationConfig

        dec = self._info.decoding
        ids, mask = self._pad([self.vocab.source_ids(s) for s in sources])
        gen = GenerationConfig(
            decoder_start_token_id=self.decoder_start,
            eos_token_id=self.vocab.eos_id,
            pad_token_id=self.pad_id,
            bad_words_ids=[[self.pad_id]],  # as CTranslate2, which drops <pad> from the vocabulary
            num_beams=dec.beam_size,
            do_sample=False,
            # +1: Marian configs force </s> at the last step (forced_eos_token_id);
            # the caller cuts every output to its cap, as CTranslate2 stops there
            # (max_length counts the decoder start token too)
            max_length=max_output + 2,
            min_new_tokens=min(dec.min_output_tokens, max_output) or None,
            length_penalty=dec.length_penalty,
            early_stopping=True if dec.beam_size > 1 else False,
        )
        with self.torch.inference_mode():
            out = self.model.generate(input_ids=ids, attention_mask=mask, generation_config=gen)
        hyps = []
        for row in out.tolist():
            toks = self.vocab.target_tokens(row[1:])  # drop the decoder start token
            hyps.append([t for t in strip_eos(toks) if t != "<pad>"])
        return hyps

    def _run_score(self, sources: list[list[str]], targets: list[list[str]]) -> list[RawScore]:
        torch = self.torch
        ids, mask = self._pad([self.vocab.source_ids(s) for s in sources])
        labels = [self.vocab.target_ids(t) for t in targets]
        dec_in, _ = self._pad([[self.decoder_start] + lab[:-1] for lab in labels])
        lab_t, _ = self._pad(labels)  # padded with <pad>; only the first len(lab) are read
        with torch.inference_mode():
            logits = self.model(input_ids=ids, attention_mask=mask, decoder_input_ids=dec_in).logits
            if logits.dtype != torch.float32:
                logits = logits.float()
            logits[..., self.pad_id] = float("-inf")  # <pad> is never a real output
            # log-probs without materialising a second (batch x length x vocab) tensor
            lse = torch.logsumexp(logits, dim=-1)
            lp_all = logits.gather(-1, lab_t.unsqueeze(-1)).squeeze(-1) - lse
            best_logit, best_id = logits.max(dim=-1)
            best_lp = best_logit - lse
        out: list[RawScore] = []
        for r, lab in enumerate(labels):
            n = len(lab)
            out.append((lp_all[r, :n].tolist(), self.vocab.target_tokens(best_id[r, :n].tolist()),
                        best_lp[r, :n].tolist()))
        return out
