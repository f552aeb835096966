"""3-1 and 1-3 links (a cut-off tail is tested through the pipeline in test_cut_off.py)."""

from mt_review.align import align_sentences
from mt_review.model import Segment

EN = [
    "The council approved the budget for the coming year after a long debate.",
    "It includes funds for schools.",
    "It also pays for new parks.",
    "Roads will be repaired in spring.",
    "The mayor thanked all members for their work on the plan during the last six months.",
    "A public meeting will follow in May.",
]
AR = [
    "وافق المجلس على ميزانية العام المقبل بعد نقاش طويل.",
    "وهي تشمل أموالًا للمدارس، كما تغطي تكاليف حدائق جديدة، وسيتم إصلاح الطرق في الربيع.",
    "شكر رئيس البلدية جميع الأعضاء على عملهم في الخطة خلال الأشهر الستة الماضية.",
    "سيعقب ذلك اجتماع عام في مايو.",
]


def _segs(texts):
    return [Segment(i, 0, len(t), t) for i, t in enumerate(texts)]


def _links(src, tgt):
    return [(tuple(s.text for s in p.src), tuple(t.text for t in p.tgt)) for p in align_sentences(_segs(src), _segs(tgt))]


def test_three_sentences_merged_into_one_are_a_3_1_link():
    links = _links(EN, AR)
    assert (tuple(EN[1:4]), (AR[1],)) in links
    assert all(len(s) <= 1 for s, t in links if t != (AR[1],))


def test_one_sentence_split_in_three_is_a_1_3_link():
    parts = ["وهي تشمل أموالًا للمدارس.", "كما تغطي تكاليف حدائق جديدة.", "وسيتم إصلاح الطرق في الربيع."]
    src = [EN[0], "It includes funds for schools, it also pays for new parks, and roads will be repaired in spring.", *EN[4:]]
    links = _links(src, [AR[0], *parts, *AR[2:]])
    assert ((src[1],), tuple(parts)) in links

