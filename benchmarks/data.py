"""Benchmark corpus: real human-translated English/Arabic sentences, offline.

Source: the Arabic gettext catalogues that Debian packages install as ``.mo``
files under ``/usr/share/locale/ar/LC_MESSAGES/`` (GTK, GLib, APT, CUPS
printer tool, PAM ...).  They are human translations made by the GNOME,
Debian and upstream translation teams, read with ``polib.mofile``.  The
licence of each catalogue's Debian package is in :data:`CATALOGUES` (from
``/usr/share/doc/<package>/copyright``) and in ``benchmarks/README.md``.

Public API (also used by the checks benchmark):

``load_parallel(min_words=5, limit=None, seed=0) -> list[(en, ar, origin)]``
    Deterministic list of sentence pairs.  ``origin`` is
    ``"<catalogue>.mo:<package>:<licence>"``.  Kept: msgid of at least
    ``min_words`` words with letters, non-empty msgstr, no plural forms, no
    format placeholders (``%s``, ``%(name)s``, ``{0}``), no markup, no
    escapes or newlines; keyboard mnemonics (``_Open``) are removed; each
    English text is kept once.  ``limit`` keeps a deterministic shuffled
    sample of that size (``seed`` chooses it); without it the order is the
    catalogue order.

``make_pages(pairs, sentences_per_page, seed) -> list[BenchPage]``
    Cuts the ordered pairs into pages of paragraphs of 2-5 sentences.

``perturb(page, rng) -> PerturbedPage``
    Damages the Arabic side the way machine translation and CMS plugins do
    (merge two sentences, split one, drop one, insert a foreign one, add
    Arabic-only notice lines and navigation lines identical on both sides)
    and returns the pages as text blocks with the gold links.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import sys

# The catalogues are read from the packages `make bench-data` unpacks into benchmarks/catalogues_data/
# (apt-get download; nothing installed), so the corpus does not depend on which packages the machine
# happens to carry (a fresh machine lacks GTK 3's; a machine with Chromium has them).  A catalogue not
# unpacked there is read from the system's locale directory, and a missing one is named on stderr.
_UNPACKED = Path(__file__).resolve().parent / "catalogues_data" / "root"
SYSTEM_LOCALE_DIR = Path("/usr/share/locale/ar/LC_MESSAGES")
LOCALE_DIR = _UNPACKED / "usr/share/locale/ar/LC_MESSAGES"

# catalogue -> (Debian binary package, licence of its translations per debian/copyright)
CATALOGUES: dict[str, tuple[str, str]] = {
    "gtk30-properties": ("libgtk-3-common", "LGPL-2+"),
    "gtk20-properties": ("libgtk2.0-common", "LGPL-2+"),
    "gtk30": ("libgtk-3-common", "LGPL-2+"),
    "gtk20": ("libgtk2.0-common", "LGPL-2+"),
    "glib20": ("libglib2.0-data", "LGPL-2.1+"),
    "gdk-pixbuf": ("libgdk-pixbuf2.0-common", "LGPL-2+"),
    "system-config-printer": ("system-config-printer-common", "GPL-2+"),
    "apt": ("apt", "GPL-2+"),
    "libapt-pkg6.0": ("libapt-pkg6.0", "GPL-2+"),
    "at-spi2-core": ("at-spi2-common", "LGPL-2+"),
    "Linux-PAM": ("libpam-runtime", "BSD-3-clause or GPL"),
    "appstream": ("appstream", "LGPL-2.1+"),
    "avahi": ("libavahi-common-data", "LGPL-2.1+"),
    "libsecret": ("libsecret-common", "LGPL-2.1+"),
    "notification-daemon": ("notification-daemon", "GPL-2+"),
    "software-properties": ("software-properties-common", "GPL-2+"),
}
# Left out on purpose: iso_* (country/language names), xkeyboard-config (keyboard
# layout names), shared-mime-info (file type names): names, not sentences.

_PLACEHOLDER = re.compile(r"%[-+ #0-9.*]*[a-zA-Z%]|%\([^)]*\)|\{[^}]*\}|\$\{|<[^>]+>|\\|&[a-z]+;")
_MNEMONIC = re.compile(r"_(?=\w)")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC = re.compile(r"[\u0621-\u064a]")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _MNEMONIC.sub("", text)).strip()


def _usable(msgid: str, msgstr: str, min_words: int) -> bool:
    if not msgid or not msgstr or "\n" in msgid or "\n" in msgstr:
        return False
    if _PLACEHOLDER.search(msgid) or _PLACEHOLDER.search(msgstr):
        return False
    if len(msgid.split()) < min_words or not _LETTER.search(msgid):
        return False
    if len(_ARABIC.findall(msgstr)) < 0.5 * len(_LETTER.findall(msgstr)):
        return False  # untranslated or mostly Latin
    return True


def _catalogue(name: str, locale_dir: Path = LOCALE_DIR) -> Path | None:
    """The catalogue's .mo file: the unpacked package's, else the system's; None when neither exists."""
    return next((d / f"{name}.mo" for d in (locale_dir, SYSTEM_LOCALE_DIR) if (d / f"{name}.mo").exists()), None)


def missing_catalogues(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The catalogues of :data:`CATALOGUES` found nowhere: figures (and tests) on a smaller corpus differ."""
    return [name for name in CATALOGUES if _catalogue(name, locale_dir) is None]


@functools.lru_cache(maxsize=None)
def _warn_missing(names: tuple[str, ...]) -> None:
    """Say once which catalogues are absent: figures on a smaller corpus are not comparable."""
    print(f"data.py: catalogues not found, the corpus is smaller than the reference one: {', '.join(names)} "
          "(run `make bench-data`)", file=sys.stderr)


def load_parallel(min_words: int = 5, limit: int | None = None, seed: int = 0,
                  locale_dir: Path = LOCALE_DIR) -> list[tuple[str, str, str]]:
    """Human-translated (en, ar, origin) pairs from the Debian packages' Arabic .mo catalogues."""
    import polib

    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    missing = missing_catalogues(locale_dir)
    for name, (package, licence) in CATALOGUES.items():
        path = _catalogue(name, locale_dir)
        if path is None:
            continue
        for entry in polib.mofile(str(path)):
            if entry.msgid_plural or "fuzzy" in getattr(entry, "flags", ()):
                continue
            en, ar = _clean(entry.msgid), _clean(entry.msgstr)
            if not _usable(en, ar, min_words) or en in seen:
                continue
            seen.add(en)
            out.append((en, ar, f"{name}.mo:{package}:{licence}"))
    if missing:
        _warn_missing(tuple(missing))
    if limit is not None:
        rng = random.Random(seed)
        idx = sorted(rng.sample(range(len(out)), min(limit, len(out))))
        out = [out[i] for i in idx]
    return out


# ----------------------------------------------------------------- pages


@dataclass
class BenchPage:
    """Paragraphs of (en, ar) sentence pairs."""

    paragraphs: list[list[tuple[str, str]]]


@dataclass
class PerturbedPage:
    """Block texts of both sides and the gold links.

    Sentence ids are positions in ``src_sents`` / ``tgt_sents``; a gold link is
    ``(src_ids, tgt_ids)`` with either side possibly empty (1-0 / 0-1).  Each
    block is a list of sentence ids; ``block_texts`` joins them with a space,
    or a newline for navigation and notice blocks (lines without a full stop).
    """

    src_sents: list[str]
    tgt_sents: list[str]
    src_blocks: list[list[int]]
    tgt_blocks: list[list[int]]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]
    events: dict[str, int] = field(default_factory=dict)
    line_blocks: tuple[set[int], set[int]] = (set(), set())  # blocks whose sentences are lines

    def block_texts(self, side: str) -> list[str]:
        k = 0 if side == "src" else 1
        sents, blocks = (self.src_sents, self.src_blocks) if k == 0 else (self.tgt_sents, self.tgt_blocks)
        return [("\n" if b in self.line_blocks[k] else " ").join(sents[i] for i in ids)
                for b, ids in enumerate(blocks)]


def _terminate(text: str, lang: str) -> str:
    """Sentence case for a catalogue string: a final full stop (a final colon
    becomes one) and, in English, a capital first letter."""
    text = text.strip().rstrip(":").rstrip()
    if lang == "en" and text[:1].islower():
        text = text[0].upper() + text[1:]
    if text[-1:] in ".!?؟…":
        return text
    return text + "."


def make_pages(pairs: Sequence[tuple[str, ...]], sentences_per_page: int, seed: int = 0) -> list[BenchPage]:
    """Cut ordered pairs into pages of ``sentences_per_page`` sentences, in paragraphs of 2-5.

    Each string is put in sentence case (final full stop, English capital
    first letter) so that a paragraph reads as running text."""
    rng = random.Random(seed)
    pages = []
    for start in range(0, len(pairs) - sentences_per_page + 1, sentences_per_page):
        chunk = [(_terminate(p[0], "en"), _terminate(p[1], "ar")) for p in pairs[start : start + sentences_per_page]]
        paras, k = [], 0
        while k < len(chunk):
            n = rng.randint(2, 5)
            paras.append(chunk[k : k + n])
            k += n
        pages.append(BenchPage(paras))
    return pages


NOTICE_LINES = [
    "تمت ترجمة هذه الصفحة تلقائيًا.",
    "للإبلاغ عن الأخطاء، أرسل لنا بريدًا إلكترونيًا.",
]
NAV_LINES = ["Home | About | News & Events | Contact", "Facebook LinkedIn Twitter YouTube"]


def perturb(page: BenchPage, rng: random.Random, foreign: Sequence[str] = ()) -> PerturbedPage:
    """Damage the Arabic side once of each kind and return texts plus gold links.

    * merge: two consecutive Arabic sentences become one (gold 2-1);
    * split: one Arabic sentence of 6+ words is cut in two at a word boundary (1-2);
    * drop: one Arabic sentence is missing (1-0);
    * insert: an Arabic sentence from ``foreign`` (another page) is added (0-1);
    * notice: Arabic-only notice lines as a last block (0-1 each);
    * navigation: the same Latin navigation lines on both sides, first block (1-1 each).
    """
    # choose distinct (paragraph, sentence) positions for each event
    positions = [(p, s) for p, para in enumerate(page.paragraphs) for s in range(len(para))]
    taken: set[tuple[int, int]] = set()
    events: dict[tuple[int, int], str] = {}

    def pick(ok) -> tuple[int, int] | None:
        cands = [pos for pos in positions if pos not in taken and ok(pos)]
        if not cands:
            return None
        return rng.choice(cands)

    merge = pick(lambda pos: pos[1] + 1 < len(page.paragraphs[pos[0]]) and (pos[0], pos[1] + 1) not in taken)
    if merge:
        taken.update({merge, (merge[0], merge[1] + 1)})
        events[merge] = "merge"
        events[(merge[0], merge[1] + 1)] = "merged"
    split = pick(lambda pos: len(page.paragraphs[pos[0]][pos[1]][1].split()) >= 6)
    if split:
        taken.add(split)
        events[split] = "split"
    drop = pick(lambda pos: len(page.paragraphs[pos[0]]) > 2)
    if drop:
        taken.add(drop)
        events[drop] = "drop"
    insert = pick(lambda pos: True) if foreign else None
    if insert:
        events.setdefault(insert, "")  # insert goes after this sentence; it may carry another event
    insert_text = _terminate(rng.choice(list(foreign)), "ar") if insert else None

    src_sents: list[str] = []
    tgt_sents: list[str] = []
    src_blocks: list[list[int]] = []
    tgt_blocks: list[list[int]] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

    # navigation: identical on both sides
    s_ids, t_ids = [], []
    for line in NAV_LINES:
        src_sents.append(line)
        tgt_sents.append(line)
        s_ids.append(len(src_sents) - 1)
        t_ids.append(len(tgt_sents) - 1)
        gold.append(((s_ids[-1],), (t_ids[-1],)))
    src_blocks.append(s_ids)
    tgt_blocks.append(t_ids)

    counts = {"merge": 0, "split": 0, "drop": 0, "insert": 0, "notice": 0, "navigation": len(NAV_LINES)}
    for p, para in enumerate(page.paragraphs):
        sb, tb = [], []
        s = 0
        while s < len(para):
            en, ar = para[s]
            kind = events.get((p, s))
            src_sents.append(en)
            sid = len(src_sents) - 1
            sb.append(sid)
            if kind == "merge":
                en2, ar2 = para[s + 1]
                src_sents.append(en2)
                sb.append(sid + 1)
                tgt_sents.append(ar.rstrip(".!?؟…: ") + "، و" + ar2)
                tb.append(len(tgt_sents) - 1)
                gold.append(((sid, sid + 1), (tb[-1],)))
                counts["merge"] += 1
                s += 1
            elif kind == "split":
                words = ar.split()
                cut = len(words) // 2
                tgt_sents.append(" ".join(words[:cut]) + ".")
                tgt_sents.append(" ".join(words[cut:]))
                tb.extend([len(tgt_sents) - 2, len(tgt_sents) - 1])
                gold.append(((sid,), (tb[-2], tb[-1])))
                counts["split"] += 1
            elif kind == "drop":
                gold.append(((sid,), ()))
                counts["drop"] += 1
            else:
                tgt_sents.append(ar)
                tb.append(len(tgt_sents) - 1)
                gold.append(((sid,), (tb[-1],)))
            if insert is not None and (p, s) == insert:
                tgt_sents.append(insert_text)
                tb.append(len(tgt_sents) - 1)
                gold.append(((), (tb[-1],)))
                counts["insert"] += 1
            s += 1
        src_blocks.append(sb)
        tgt_blocks.append(tb)

    nb = []
    for line in NOTICE_LINES:
        tgt_sents.append(line)
        nb.append(len(tgt_sents) - 1)
        gold.append(((), (nb[-1],)))
        counts["notice"] += 1
    tgt_blocks.append(nb)
    return PerturbedPage(src_sents, tgt_sents, src_blocks, tgt_blocks, gold, counts,
                         line_blocks=({0}, {0, len(tgt_blocks) - 1}))
