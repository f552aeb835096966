"""Session 16: a Latin token a translation keeps as written counts when it crosses a recut boundary."""

import pytest

from mt_review.align import crossing
from mt_review.lexicon import en_ar_dictionary

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict dictionary not installed")

SRC = ("Timestamp of current fontconfig configuration.", "Title to appear in column header.")
MOVED = ("الطابع الزمني لإعدادت.", "fontconfig الحالية، والعنوان الذي يتم عرضه في ترويسة العمود.")
STAYED = ("الطابع الزمني لإعدادت fontconfig الحالية.", "العنوان الذي يتم عرضه في ترويسة العمود.")


def test_latin_keys():
    assert crossing._latin_keys("Use GdkPixmap or fontconfig for the GTK+ theme.") == [
        frozenset({crossing._LATIN_KEY + t}) for t in ("use", "gdkpixmap", "fontconfig", "gtk+", "theme")]
    assert crossing._latin_keys("مع GdkImage أو GdkPixmap.") == [
        frozenset({crossing._LATIN_KEY + "gdkimage"}), frozenset({crossing._LATIN_KEY + "gdkpixmap"})]


def test_latin_token_crossing_the_boundary_counts(monkeypatch):
    moved = crossing.boundary_words(*SRC, *MOVED)
    assert crossing.boundary_words(*SRC, *STAYED) == 0
    monkeypatch.setattr(crossing, "_latin_keys", lambda text: [])
    assert moved > crossing.boundary_words(*SRC, *MOVED)
