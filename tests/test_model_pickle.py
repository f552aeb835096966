"""Reviews pickle and read back whole: the spool (``mt_review.spool``) and the state file rely on it."""

import dataclasses
import pickle

from mt_review import model
from tests.report_fixtures import make_page_review


def _slotted():
    return [c for c in vars(model).values()
            if isinstance(c, type) and dataclasses.is_dataclass(c) and "__slots__" in vars(c)]


def test_a_page_review_reads_back_equal_with_every_field_in_place():
    page = make_page_review()
    back = pickle.loads(pickle.dumps(page, protocol=5))
    assert back == page
    seg, got = page.segments[0], back.segments[0]
    for f in dataclasses.fields(seg):  # derived fields (risk, severity, driver) too
        assert getattr(got, f.name) == getattr(seg, f.name), f.name
    finding = next(f for s in page.segments for f in s.findings)
    assert [getattr(finding, f.name) for f in dataclasses.fields(finding)] == \
        [getattr(next(f for s in back.segments for f in s.findings), f.name) for f in dataclasses.fields(finding)]


def test_slotted_classes_pickle_by_their_own_slots_not_the_generic_dataclass_state():
    classes = _slotted()
    assert {"Span", "Finding", "Segment", "SegmentReview"} <= {c.__name__ for c in classes}
    for cls in classes:
        assert cls.__setstate__.__module__ != "dataclasses", cls.__name__
        assert cls.__getstate__.__module__ != "dataclasses", cls.__name__


def test_a_frozen_slotted_object_stays_frozen_after_reading_back():
    span = model.Span(0, 1, 4, "abc")
    back = pickle.loads(pickle.dumps(span))
    assert back == span and back.text == "abc" and back.end == 4
    try:
        back.text = "x"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a read-back span can be changed")
