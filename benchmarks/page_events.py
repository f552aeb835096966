"""Page pairs shaped the way real sites and MT plugins shape them, with gold links.

Shared by the alignment benchmark (and usable by any other): ``site_page``
takes a :class:`data.BenchPage` (paragraphs of (English, Arabic) sentence
pairs, from the catalogues or from the running-prose set) and damages the
Arabic side once of each kind:

* ``merge``   two consecutive Arabic sentences become one (gold 2-1);
* ``merge3``  three consecutive Arabic sentences become one (3-1);
* ``split``   one Arabic sentence of 6+ words is cut in two (1-2);
* ``split3``  one Arabic sentence of 12+ words is cut in three (1-3);
* ``recut``   two consecutive Arabic sentences are joined and cut again at
              another word boundary, a clause of 30-50 % of the shorter one
              moving across (2-2);
* ``drop``    three Arabic sentences are missing, apart (1-0 each);
* ``insert``  two Arabic sentences from another page are added, apart (0-1 each);
* ``notice``  an Arabic-only machine-translation notice as the last block,
              in one of several wordings;
* ``navigation`` navigation lines identical on both sides as the first block;
* ``inline``  site furniture *inside* the first content block on both sides: a
              navigation line above the first sentence and a metadata line with
              an empty value in English ("Publication Date:") and a date in
              Arabic;
* ``midline`` furniture on its own line inside a later content block (a share
              label, a byline, an icon-font line), on both sides, the block's
              sentences each on their own line too.

``recut`` happens twice a page; every other kind once (drop three times,
insert twice).

Notices, navigation and inline furniture are in no gold link: the page goes
through the pipeline's furniture typing first, and they must not be aligned
at all (``furniture_ids``; a predicted link holding one is wrong).

Gold links use sentence ids; ``furniture_ids`` are ids of the inline
furniture lines (a predicted link that contains one is wrong).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Sequence

from data import NAV_LINES, BenchPage, _terminate

NOTICES = [
    ["تمت ترجمة هذه الصفحة تلقائيًا.", "للإبلاغ عن الأخطاء، أرسل لنا بريدًا إلكترونيًا."],
    ["هذه الترجمة مقدمة لأغراض إعلامية فقط.", "النسخة الإنجليزية هي المعتمدة."],
    ["تُرجم هذا المحتوى آليًا باستخدام Google Translate وقد يحتوي على أخطاء."],
    ["ترجمة آلية"],
]
INLINE_NAV = ["Home | About | News | Contact", "arrow-left menu-open search close", "News » Events » Workshops"]
INLINE_META = [("Publication Date:", "تاريخ النشر: ١٢ مارس ٢٠٢٤"), ("Author:", "الكاتب: فريق التحرير"),
               ("Updated:", "آخر تحديث: 3 يونيو 2024")]
# furniture lines inside a later block: (English, Arabic), placed first or last in it
MID_LINES = [("Share this article", "شارك هذا المقال"), ("By Sarah Ahmed", "بقلم: سارة أحمد"),
             ("facebook twitter linkedin", "facebook twitter linkedin"), ("Follow us on Twitter", "تابعنا على تويتر"),
             ("arrow-right chevron-down", "arrow-right chevron-down")]


@dataclass
class SitePage:
    src_sents: list[str]
    tgt_sents: list[str]
    src_blocks: list[list[int]]
    tgt_blocks: list[list[int]]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]
    events: dict[str, int]
    line_blocks: tuple[set[int], set[int]] = field(default_factory=lambda: (set(), set()))
    furniture_ids: tuple[set[int], set[int]] = field(default_factory=lambda: (set(), set()))

    def block_texts(self, side: str) -> list[str]:
        k = 0 if side == "src" else 1
        sents, blocks = (self.src_sents, self.src_blocks) if k == 0 else (self.tgt_sents, self.tgt_blocks)
        return [("\n" if b in self.line_blocks[k] else " ").join(sents[i] for i in ids) for b, ids in enumerate(blocks)]


def _strip_end(ar: str) -> str:
    return ar.rstrip(".!?؟…: ")


def site_page(page: BenchPage, rng: random.Random, foreign: Sequence[str] = ()) -> SitePage:
    """One damaged page pair (see module doc); each event at most once (recut twice, drop three times,
    insert twice)."""
    positions = [(p, s) for p, para in enumerate(page.paragraphs) for s in range(len(para))]
    taken: set[tuple[int, int]] = set()
    events: dict[tuple[int, int], str] = {}

    def pick(ok, span: int = 1):
        cands = [pos for pos in positions
                 if all((pos[0], pos[1] + d) not in taken for d in range(span)) and pos[1] + span <= len(page.paragraphs[pos[0]])
                 and ok(pos)]
        if not cands:
            return None
        pos = rng.choice(cands)
        taken.update((pos[0], pos[1] + d) for d in range(span))
        return pos

    def words(pos) -> int:
        return len(page.paragraphs[pos[0]][pos[1]][1].split())

    not_first = lambda pos: pos != (0, 0)  # noqa: E731 - the first sentence carries the inline furniture
    for kind, span, ok in (("merge3", 3, not_first), ("merge", 2, not_first), ("recut", 2, lambda pos: not_first(pos) and words(pos) >= 4),
                           ("recut", 2, lambda pos: not_first(pos) and words(pos) >= 4),
                           ("split3", 1, lambda pos: words(pos) >= 12), ("split", 1, lambda pos: words(pos) >= 6)) + \
            (("drop", 1, lambda pos: not_first(pos) and len(page.paragraphs[pos[0]]) > 2),) * 3:
        pos = pick(ok, span)
        if pos is not None:
            events[pos] = kind
    inserts = {}
    if foreign:
        for pos in rng.sample(positions, min(2, len(positions))):
            inserts[pos] = _terminate(rng.choice(list(foreign)), "ar")
    # a later paragraph gets a furniture line, first or last in it
    mid = rng.randrange(1, len(page.paragraphs)) if len(page.paragraphs) > 1 else None
    mid_line, mid_first = rng.choice(MID_LINES), rng.random() < 0.5

    out = SitePage([], [], [], [], [], {"navigation": 0, "inline": 0, "midline": 0, "notice": 0, "insert": 0})
    src, tgt, gold = out.src_sents, out.tgt_sents, out.gold

    def add(side: list[str], text: str, block: list[int]) -> int:
        side.append(text)
        block.append(len(side) - 1)
        return len(side) - 1

    sb, tb = [], []
    for line in NAV_LINES:
        out.furniture_ids[0].add(add(src, line, sb))
        out.furniture_ids[1].add(add(tgt, line, tb))
        out.events["navigation"] += 1
    out.src_blocks.append(sb)
    out.tgt_blocks.append(tb)

    for p, para in enumerate(page.paragraphs):
        sb, tb = [], []
        if p == 0:  # furniture inside the first content block, on both sides
            nav = rng.choice(INLINE_NAV)
            meta_en, meta_ar = rng.choice(INLINE_META)
            out.furniture_ids[0].update({add(src, nav, sb), add(src, meta_en, sb)})
            out.furniture_ids[1].update({add(tgt, nav, tb), add(tgt, meta_ar, tb)})
            out.line_blocks[0].add(len(out.src_blocks))
            out.line_blocks[1].add(len(out.tgt_blocks))
            out.events["inline"] += 1
        if p == mid:
            out.line_blocks[0].add(len(out.src_blocks))
            out.line_blocks[1].add(len(out.tgt_blocks))
            out.events["midline"] += 1
            if mid_first:
                out.furniture_ids[0].add(add(src, mid_line[0], sb))
                out.furniture_ids[1].add(add(tgt, mid_line[1], tb))
        s = 0
        while s < len(para):
            kind = events.get((p, s))
            n = {"merge3": 3, "merge": 2, "recut": 2}.get(kind or "", 1)
            sids = tuple(add(src, para[s + d][0], sb) for d in range(n))
            ars = [para[s + d][1] for d in range(n)]
            if kind in ("merge", "merge3"):
                joined = "، و".join(_strip_end(a) for a in ars[:-1]) + "، و" + ars[-1]
                gold.append((sids, (add(tgt, joined, tb),)))
            elif kind == "recut":
                # a clause moves across the boundary: 30-50 % of the shorter sentence (at least 2 words)
                w = (_strip_end(ars[0]) + "، و" + ars[1]).split()
                n0, n1 = len(ars[0].split()), len(ars[1].split())
                shift = max(2, round(min(n0, n1) * rng.uniform(0.3, 0.5)))
                cut = max(1, min(len(w) - 1, n0 + rng.choice((-shift, shift))))
                gold.append((sids, (add(tgt, " ".join(w[:cut]) + ".", tb), add(tgt, " ".join(w[cut:]), tb))))
            elif kind in ("split", "split3"):
                w = ars[0].split()
                k = 2 if kind == "split" else 3
                cuts = [round(len(w) * q / k) for q in range(k + 1)]
                parts = [" ".join(w[cuts[q]:cuts[q + 1]]) for q in range(k)]
                ids = tuple(add(tgt, part + ("" if q == k - 1 else "."), tb) for q, part in enumerate(parts))
                gold.append((sids, ids))
            elif kind == "drop":
                gold.append((sids, ()))
            else:
                gold.append((sids, (add(tgt, ars[0], tb),)))
            if kind:
                out.events[kind] = out.events.get(kind, 0) + 1
            if (p, s) in inserts:
                gold.append(((), (add(tgt, inserts[(p, s)], tb),)))
                out.events["insert"] += 1
            s += n
        if p == mid and not mid_first:
            out.furniture_ids[0].add(add(src, mid_line[0], sb))
            out.furniture_ids[1].add(add(tgt, mid_line[1], tb))
        out.src_blocks.append(sb)
        out.tgt_blocks.append(tb)

    nb = []
    for line in rng.choice(NOTICES):
        out.furniture_ids[1].add(add(tgt, line, nb))
        out.events["notice"] += 1
    out.tgt_blocks.append(nb)
    out.line_blocks[0].add(0)
    out.line_blocks[1].update({0, len(out.tgt_blocks) - 1})
    return out
