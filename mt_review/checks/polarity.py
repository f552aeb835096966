"""Polarity: a negation in one language that the other lacks.

English negators: not, n't, no, never, none, nothing, nobody, no one,
nowhere, neither, nor, without, cannot, fail(s/ed) to.  Not counted: "not
only" (additive), "no doubt", "whether or not", and a negation that "without"
cancels ("cannot do without" = must, like لا بد; it is possible, not sure).

Arabic negators: لا لم لن, ليس and its forms, classical لات ("it is not"), بدون, ألّا (أن + لا), تعذّر
and its forms ("could not"; not تعذّب "torment"), with a proclitic و/ف/أ.  Not counted: لا بد (must),
لا شك / لا ريب (no doubt, like the English idiom), لا سيما (especially), لا يزال /
لا زال / ما زال / ما دام (still).  *Possible* negators, which may or may not
negate (ما is also "what", غير also "other than", دون also "below", عدم is a
noun, ألا also "indeed"), words that negate by their meaning (فشل "failed",
مستحيل), and an exception (لا ... إلا = "only") make a side
*uncertain*: they can account for a negation of the other side but never
count as one.  (إن is not among them: negative إن is rare next to "if" and
"indeed", and counting it hid most negations lost from classical prose.)
A source negator inside brackets (a translator's gloss) is possible too.

Scope decides what a word can do:

* ما is a possible negator only bare or after و/ف (كما "as", بما "with what",
  أما "as for" and ما إذا "whether" never negate);
* غير before an indefinite word (غير ملومين "not blamed", غير صحيح) is a sure
  negator; before a definite word or a particle (غير المسلمين, غير أن) it is
  "other than" and only possible;
* an exception word that the other side also has (إلا / سوى / وإلا against
  except / unless / otherwise / only) translates that word: the pairs cancel,
  and only an exception word left over may account for a negation;
* a negator in a question (the English sentence ends with "?"; Arabic
  أ + negator: ألم، أفلا، أليس، أولم; an Arabic sentence ending with ؟) is
  possible: rhetorical questions ("do you not see?" = you see) are often
  rendered without one;
* an English word negated by a prefix (un-, in-, im-, il-, ir-, dis-, non-)
  counts as possible only when the rest is an English word (unknown, invalid;
  not understand, under, until).

* (issue 10, precision) أ + و/ف + negator (أولم، أفلا) asks like ألم; لم before
  a perfect verb or an indicative imperfect (لم شهدتم، لم تلبسون) is "why";
  ألا before anything but an imperfect verb is "lo!" (ألا إن، ألا بعدا) and
  no negator; دون is possible only as "without" (not دون ذلك, not من دون X);
  ما after a preposition or time word (من بعد ما) is relative; لولا ("were it
  not for") is a sure negator;
* English: "but" excuses a negation only as "except" (nothing but, all but,
  but for), not as a conjunction; "nor" before an inverted auxiliary ("nor
  will they enter") opens a negated clause of its own; "not ... without" may
  be rendered with both negations (counts 2 possible); a negated participle in
  a relative clause ("an animal that has not been milked") is possible (Arabic
  may render it with one word, مصراة); lexical negatives (failed, forbidden,
  prohibit, avoid, refrain, neglect) and a standalone "non" are possible.

* (issue 10, precision, session 9) لكيلا / لئلا ("so that not") are sure negators; لا جرم,
  لا محالة and the oath لا أقسم are idioms, no negation; ما لم ("unless / as long as not") is
  possible (English says "unless", "until"); ما لكم / ما لهم ... من ("you have no ...") is a sure
  negator; a negator inside a short quotation ("No", «لا») names a literal and is possible; an
  English word the dictionary renders with غير / عدم / لا (offline = غير متصل) accounts for that
  rendering when the target has it (the negator before the rendering's word).

* (issue 10, precision, session 13) verbs of continuing in every person (لا نزال، لا أزال،
  لا تزالون، لم يزالوا، لا يفتأ، لا ينفك "still") are no negation; لا / لم / لن before a verb of
  stopping (لا تتوقف عن "keep doing", لم يكف "kept on") is possible, as English "not stop" is
  nothing; "no matter what / how ..." (مهما) is concessive: possible, not sure.  Inverted
  questions ("Don't you want ...?" / ألا تريد) were already possible on both sides.  غير before an
  indefinite word in the target may be paid for by an English adjective with a negative prefix
  the strict rule leaves out (improper ~ غير سليم، inexact، infinite، unfit، mismatched،
  asynchronous): WordNet reads word and rest as adjectives; one such word per غير, never for لا.

* (issue 10, session 15) A *restriction* is a negator closed by an exception ("nothing ... except",
  لا / ما / إن ... إلا = "only"); an exception closes the nearest negator before it (Arabic: ما and إن
  count; English: the nearest after a clause joint such as ", and" or ";").  A restriction on each side
  pairs off and pays for no other lost negation.  One side's restriction against the other side's
  exception word that closes nothing (يرد القضاء إلا الدعاء for "nothing turns back the decree except
  supplication") is **major**.  "not only" without a later but / also / as well is a negator.  A
  negative question (ألم، أفلا، أليس; not ألا / أولا) counts as sure against a source with no "?".
  ما before بال / شأن or a word of place, time or exception (ما بين، ما قبل، ما عدا) is relative.  The
  Arabic is read without harakat, shadda and tatweel (spans stay on the marked text).  English
  contractions typed without the apostrophe (dont, isnt) are negators; lest, hardly, seldom, rarely,
  scarcely, barely and Arabic قلما / بالكاد are possible ones.

A pair is flagged when one side negates and the other has neither a negator
nor a possible one (**critical**), or when one side has more sure negators
than the other has sure and possible ones together (**major**: a negated
clause lost or added), or by the restriction rule above (**major**).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass, replace

from mt_review import wordnet
from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.lexicon import en_ar_dictionary, english_words
from mt_review.model import AlignedPair, Finding, Segment, Severity, Span

# (session 15) contractions typed without the apostrophe on web pages (dont, doesnt, isnt, cant not:
# "cant" and "wont" are words)
_EN_BARE_NT = r"(?:do|does|did|is|are|was|were|has|have|had|would|should|could|must|need)nt"
_EN_NEG = re.compile(
    r"\b(?:not|never|none|nothing|nobody|nowhere|neither|nor|without|cannot|no(?:[ -]one)?|"
    r"fail(?:s|ed|ing)?\s+to|[a-z]+n['’‘`´]t|" + _EN_BARE_NT + r")\b", re.IGNORECASE)
# a negation cancelled by "without" ("cannot do without" = must, لا بد): positive, yet it may be rendered
# with a negation kept (لم يغادر دون), so it counts as possible, not as nothing
_EN_DOUBLE = re.compile(r"\b(?:cannot|can\s+not|could\s+not|[a-z]+n['’‘`´]t|not|never)\s+(?:[a-z]+\s+){0,3}?without\b",
                        re.IGNORECASE)
# "not only" is additive only when "but" / "also" / "as well" follows in its sentence ("not only X but
# also Y"); alone it negates a restriction ("has not only been enjoined because of ..." = إنما ...): a negator
_EN_NOT_NEG = re.compile(r"\b(?:not\s+only(?=[^.!?]*\b(?:but|also|as\s+well)\b)|no\s+doubt|no\s+matter\s+(?:what|how|where|when|who|whom|which|whether|if)|whether\s+or\s+not|no\s+sooner|not\s+to\s+mention|"
                         r"(?:not|never|n['’‘`´]t)\s+(?:cease|stop)\w*|or\s+not(?!\s+[a-z])|"
                         # (session 16) "nothing more than" (= only, مجرد) and "no less than": possible
                         r"(?:nothing|no|not)\s+(?:more|less|other)\s+than)\b|" + _EN_DOUBLE.pattern
                         # (session 16) "No. 1", "No 5": the abbreviation of "number"
                         + r"|\bno\.?(?=\s*\d)"
                         # (session 17) a value after "=" (local_enable=NO, Options=None): a literal, not a negation
                         + r"|(?<==)\s?(?:no|none|not|never)\b", re.IGNORECASE)
# "neither ... nor" may be one negation; "nor" before an inverted auxiliary ("nor will they enter")
# opens a new negated clause and counts as a negator of its own
_EN_CONTINUATION = re.compile(r"nor", re.IGNORECASE)
_EN_NEW_CLAUSE_NOR = re.compile(r"\s+(?:will|would|shall|should|can|could|may|might|must|do|does|did|is|are|was|were|"
                                r"has|have|had)\b", re.IGNORECASE)
# "but" after a comma or semicolon is the conjunction ("not invited, but you refused"), not "except"
# "save" is "except" only as a preposition ("all save one", "no god save Him"); after a word that
# takes a verb (to, will, can, not, you, and ...) it is the verb: "you do not want to save it" stays negated
_SAVE_VERB_BEFORE = ("to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does",
                     "did", "not", "never", "cannot", "please", "you", "i", "we", "they", "he", "she", "and", "or",
                     "also", "then")
_EN_SAVE_EXCEPT = ("".join(rf"(?<!\b{w}\s)" for w in _SAVE_VERB_BEFORE)
                   + r"(?<!n['’‘`´]t\s)\b(?-i:save)\b")  # nor after a contracted negation: "don't save"
# (session 16) ... and only in lower case: "click Save Menu" names a button
# (session 16) nor "but" before a verb or a subject ("are not sensitive but are deemed important", "not X but it
# is Y"): the conjunction of a contrast, not "except" ("nothing but the truth")
_BUT_CONJUNCTION = (r"(?!\s+(?:is|are|was|were|will|would|can|could|may|might|must|should|shall|do|does|did|has|have|"
                    r"had|it|they|he|she|we|you|i|this|these|those|there|rather|instead|also)\b)")
_EN_EXCEPT = re.compile(r"\b(?:except|unless|other\s+than)\b|" + _EN_SAVE_EXCEPT + r"|(?<![,;])(?<![,;]\s)\bbut\b"
                        + _BUT_CONJUNCTION,
                        re.IGNORECASE)
# (lexical negatives below: failed, forbidden, avoid ... are often rendered لم ينجح، لا يجوز، لا تفعل)
# "but" only where it means "except": after a negative or a quantifier in its clause (nothing but,
# all but, cannot but) or in "but for"; the conjunction "but" excuses nothing
_EN_BUT_EXCEPT = re.compile(r"\b(?:no|none|nothing|nobody|all|any\w*|every\w*|cannot|can['’‘`´]t)\b[^.,;:!?]{0,40}?\bbut\b"
                            r"|\bbut\s+for\b", re.IGNORECASE)
# "no matter what/how" is concessive (مهما، أيا كان), yet it may be rendered لا يهم: possible, not sure
_EN_POSSIBLE = re.compile(r"\b(?:only|except|unless|otherwise|no\s+matter(?=\s+(?:what|how|where|when|who|whom|which|whether|if)\b)|non(?=\s+\w)|other\s+than|apart\s+from|lack(?:s|ed|ing)?|absen\w+|"
                          r"missing|mal\w{4,}|refus\w*|den(?:y|ies|ied)|prevent\w*|free\s+(?:of|from)|"
                          r"fail(?:s|ed|ing|ure)?(?!\s+to\b)|forb[ia]d\w*|prohibit\w*|avoid\w*|refrain\w*|neglect\w*|"
                          # (session 15) "so that not" and near-negatives, which Arabic says with a negator
                          # (lest ~ لئلا، hardly ~ لا يكاد، seldom ~ قلما / نادرا ما)
                          r"lest|hardly|scarcely|barely|seldom|rarely|"
                          # (session 16) negated by their meaning in documentation: "too long to include" (لا يمكن
                          # ... لكثرتها), "very few changes" (لا ... إلا القليل), "in doubt" (إذا لم تكن متأكدا),
                          # "nothing more than" (مجرد / لا يعدو)
                          r"too\s+\w+(?:\s+\w+)?\s+to(?=\s+\w)|(?<!\ba\s)(?<!\bquite\s)few|doubt\w*|"
                          r"(?:nothing|no|not)\s+(?:more|less|other)\s+than|"
                          # (session 17) "up to date": what needs no update (لا تحتاج تحديث), said with a negator or not
                          r"up[\s-]to[\s-]date)\b", re.IGNORECASE)
# words that translate an Arabic exception word (إلا، سوى): when both sides have one, they pair off
# ("only" stays unpaired: it is rendered لا ... إلا, whose negator is already possible)
_EN_EXCEPTION_WORD = re.compile(r"\b(?:except|unless|otherwise|other\s+than|apart\s+from)\b", re.IGNORECASE)
# a word negated by its prefix (unknown, invalid, illegal, disabled, non-empty) or by -less (useless):
# possible when the rest is a word
_EN_PREFIXED = re.compile(r"\b(un|in|im|il|ir|dis|non-?)([a-z]{4,})\b", re.IGNORECASE)
_EN_LESS = re.compile(r"\b([a-z]{3,})less(?:ly|ness)?\b", re.IGNORECASE)
_DERIVED_END = ("ly", "ness", "s", "ed", "d")
_ADJECTIVE_END = ("able", "ible", "ent", "ant", "al", "ar", "ive", "ete", "ect", "id", "ous", "ate", "ful", "est",
                  "ure", "ity", "ness")  # in-/im-/il-/ir- + these (invalid, incorrect; not indeed, insect)
# without the word list: the prefixed words the rule was first written with
_EN_PREFIXED_FALLBACK = re.compile(
    r"\b(?:un\w{3,}|in(?:capable|valid|correct|sufficient|adequate|ability|complete|accessible|active)\w*|"
    r"im(?:possible|proper)\w*|dis(?:allow|able)\w*|non-?\w+)\b", re.IGNORECASE)

# (session 17) ة and ى only end a word: a negator glued after one (هذه الإضافةلم تتم, a missing space) starts a word
_A = r"(?<![\u0621-\u0628\u062a-\u0648\u064a])"
_Z = r"(?![\u0621-\u064a])"
_AR_NEG = re.compile(_A + r"(?:أ?[وف]|أ)?(?:لولا|لكيلا|لئلا|لا|لم|لن|ليس|ليست|ليسا|ليستا|ليسوا|لسن|لست|لستم|لستن|لسنا|بدون(?:ه|ها|هم|هما|هن|ك|كم|ي|نا)?|ألّا|ألا(?=\s+[يتن])|لات|[يت]?تعذ\u0651?ر[\u0621-\u064a]*)" + _Z)
# لا / لم + a verb of continuing in any person (لا نزال، لا أزال، لا تزالون، لم يزالوا، لا ينفك، لا يفتأ) is "still"
_AR_CONTINUING = (r"(?:لا\s+[يتنأ]?(?:زال|فتأ|نفك)[\u0621-\u064a]*|لم\s+[يتنأ](?:زل|زال|نفك|فتأ)[\u0621-\u064a]*"
                  # (session 16) the perfect in every person: لا زلت، ما زلنا، لا زالت "still"
                  r"|(?:لا|ما)\s+زل(?:ت|نا|تم|تن|ن)" + _Z + ")")
_AR_NOT_NEG = re.compile(_A + r"(?:[وف])?(?:" + _AR_CONTINUING + r"|لا\s+(?:بد|سيما)|ما\s+(?:زال|دام|[يتنأ]زال)|لا\s+(?:شك|ريب|جرم|محالة|أقسم)|ألا(?=\s+[^\sيتنأ])|[أو]م?\s*لا(?=\s*[.،؟?)\]:؛]|$))" + _Z
                         # (session 17) a value after "=" (0=لا "0=no"): a literal, as in English
                         + r"|(?<==)\s?لا" + _Z)
# ما negates only bare or after و/ف, and not in ما إذا (whether); the others also with ب/ل/ك (بغير، بدون)
# لمّا before an imperfect verb is "not yet" (لما يذوقوا); before a perfect it is "when"
# ... and not after a preposition or time word, where it is relative ("من بعد ما رأوا" after they had seen),
# nor (session 15) before بال / شأن ("what is the matter") or a word of place, time or exception
# (ما بين "what lies between", ما قبل، ما فوق، ما عدا "except");
# the word before must be whole (session 15: آمن وما آمن معه "none believed with him" is no من وما)
_MA_RELATIVE_AFTER = ("بعد", "قبل", "عند", "مثل", "بين", "حين", "كل", "عن", "في", "إلى", "على", "من")
_AR_POSSIBLE = re.compile(_A + r"(?:" + "".join(rf"(?<!(?<![\u0621-\u064a]){w} )" for w in _MA_RELATIVE_AFTER)
                          + r"(?:[وف])?ما(?!\s+(?:إذا|اذا|بال|شأن|بين|فوق|تحت|قبل|بعد|وراء|حول|عدا|خلا)(?![\u0621-\u064a]))|[وف]?لما(?=\s+[يتن])|(?:[وفأبلك])?(?:غير|عدم|إلا|إلّا|ألا|كلا)"
                          # دون "without", not "other than / below": من دون (but من دون أن), دون ذلك
                          r"|(?<!من )[وفب]?دون(?!\s+(?:ذلك|هذا|هذه|تلك|هؤلاء)(?![\u0621-\u064a]))|(?<=من )دون(?=\s+أن))" + _Z)
# غير before an indefinite content word ("غير ملومين" not blamed): a sure negator
_AR_FUNCTION_AFTER_GHAYR = ("أن", "ان", "أنه", "أنها", "أنهم", "إن", "ذلك", "هذا", "هذه", "ما", "من", "مرة", "واحد",
                            "كل", "بعض", "عن", "في", "على", "به", "بها", "بهم", "له", "لها", "لهم", "فيه", "فيها",
                            "عليه", "عليها", "منه", "منها", "عنه", "عنها", "إليه")
# ... unless the verb غيّر "changed" (ما غير به، قد غير): after ما/قد/من/أن/لم/لن
_AR_GHAYR = re.compile(r"(?<!\bما )(?<!\bقد )(?<!\bمن )(?<!\bأن )(?<!\bلم )(?<!\bلن )"
                       + _A + r"(?:[وفب])?غير\s+(?!ال)([\u0621-\u064a]+)")
# ما before a form of كان opening a clause (وما كان، فما كانوا; ما كنا at the start or after a mark): "was
# not"; after a word, inside a clause, it is "what was" / "as long as" (ما كان العبد في عون أخيه): possible
_KANA = r"\s+(?:كان|كانت|كانوا|كنا|كنت|كنتم|كن|يكون|تكون|يكن)" + _Z
_AR_MA_KANA = re.compile(_A + r"[وف]ما" + _KANA + r"|(?:^|(?<=[.،؛:!؟])|(?<=[.،؛:!؟]\s))ما" + _KANA)
# ما + ل + pronoun ... من (ما لكم من إله "you have no god", ما لهم به من علم): "have no", a sure negator
# (ما لكم لا تنطقون "what is wrong with you" has no من)
_AR_MA_LAKUM = re.compile(_A + r"[وف]?ما\s+ل(?:ه|ها|هم|هما|هن|كم|ك|نا|ي)\s+(?:[\u0621-\u064a]+\s+){0,2}?من" + _Z)
_AR_EXCEPTION_WORD = re.compile(_A + r"(?:[وف])?(?:إلا|إلّا|سوى)" + _Z)
_AR_INTERROGATIVE = re.compile(_A + r"أ(?:ف|و)?(?:لم|لا|ليس|ليست|لسنا|لست|لستم|لن)" + _Z)
# words that negate by their meaning; short stems end the word (not خالدون، خالق، بلاد، بلاء)
_AR_LEXICAL = re.compile(_A + r"(?:[وفب]?لا[يتن][\u0621-\u064a]{2,}|[وفبل]?(?:قلما|بالكاد|[يت]?فشل|(?:ال)?فشل|(?:ال)?عجز|[يم]?ستحيل|[يت]?رفض|الرفض|[يت]?متنع|امتنع|عديم|منعدم|انعدام"
                         # (session 16) fail, absence, lack, abstention, avoid: أخفق، غياب، يفتقر، الامتناع، تجنب
                         # (لا + a word after the preposition ل is the article: للانضمام = ل + الانضمام)
                         r"|أخفق|[يتن]خفق|(?:ال)?إخفاق|(?:ال)?غياب|[يتن]منع|(?:ال)?ممنوع|[يت]?فتقر|(?:ال)?افتقار|(?:ال)?امتناع|[يتن]?تجنب|(?:ال)?تجنب"
                         # (the short stems end the word, the others take endings: فشلت، يرفضون)
                         r"|(?:بلا|خال(?:ي|ية|يا|ين|ون|يات)?|نادرا(?=\s+ما" + _Z + r"))" + _Z + ")"
                         # (session 16) stopping (يتوقف عن "no longer does", التوقف عن)
                         + r"|[وف]?(?:[يتن]|ال)?توقف[\u0621-\u064a]*(?=(?:\s+\S+){0,3}?\s+عن" + _Z + "))")
# (session 17) ل + the verbal noun of a form VII / VIII verb (لانتقاء = ل + انتقاء "to select", لانضمام، لاتخاذ):
# a long ا as its third to fifth letter after ل, and no relative ending (لانهائي، لاتزامنية are privative لا)
_AR_LI_MASDAR = re.compile(r"[وفب]?ل(?=ا[نت][\u0621-\u064a]{0,2}ا[\u0621-\u064a]+(?<![يه])(?<!ية)" + _Z + ")")


def _ar_lexical(text: str) -> list[re.Match]:
    """Words negative by their meaning (``_AR_LEXICAL``), not ل before a verbal noun read as لا (لانتقاء)."""
    return [m for m in _AR_LEXICAL.finditer(text) if not _AR_LI_MASDAR.match(m.group())]


_AR_CONTINUATION = re.compile(_A + r"[وف]?(?:ولا|أو\s+لا)" + _Z)
_AR_EXCEPT = re.compile(_A + r"(?:[وف])?(?:إلا|إلّا|سوى|غير)" + _Z)
EXCEPT_WINDOW = 80  # characters after a negator (in its sentence) where an exception makes it "only"


@dataclass(frozen=True)
class Negation:
    """What one side of a pair says about negation."""

    sure: tuple[Span, ...]  # sure negators (per text: Span(-1, start, end, text); per pair: page spans)
    possible: int  # possible negators, continuations and demoted ones
    exceptions: int  # exception words (except / إلا) that may pair with the other side's
    prefixed: int = 0  # of the possible ones: verbs negated by dis- (disbelieved, disobeying)
    # (session 15) restrictions: a negator closed by an exception ("nothing ... except", لا ... إلا = "only")
    restrictive: tuple[Span, ...] = ()  # those negators
    restricting: int = 0  # every way the side says "only": restrictive negators, only / merely, إنما، فقط
    excepting: tuple[Span, ...] = ()  # exception words (except, but, إلا، سوى) that close no negator
    asking: tuple[Span, ...] = ()  # (session 15) of the possible ones: negative questions ألم، أفلا، أليس
    closed: int = 0  # (session 15) of the possible ones: negators an exception made "only" (لا/ما/إن ... إلا)
    bracketed: int = 0  # (session 16) of the possible ones: negators inside (...) or [...]
    boxed: tuple[Span, ...] = ()  # (session 17) of the bracketed ones: those that only the brackets made possible
    questioned: tuple[Span, ...] = ()  # (session 17) of the possible ones: those that only a question made possible
    continued: tuple[Span, ...] = ()  # (session 17) of the possible ones: continuations (nor, ولا) after a sure negator


def _bracketed(text: str, found: list[re.Match], not_neg: re.Pattern) -> int:
    """(session 16) Negators inside brackets, not in an idiom that is no negation: a gloss or an aside that
    each side may have, and whose negators pair off (the other side's bracketed negators translate them)."""
    scan = _Scan(text)
    blocked = [m.span() for m in not_neg.finditer(text)]
    return sum(1 for m in found if scan.bracketed(m.start()) and not scan.quoted(m.start())
               and not any(a <= m.start() < b for a, b in blocked))


class _Scan:
    """Positions of sentence ends and brackets in one text, found once, so that judging each of
    many negators costs a bisection and not a pass over the text (a text of thousands of
    negators stays linear)."""

    def __init__(self, text: str):
        self.ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self.marks = {c: [i for i, ch in enumerate(text) if ch == c] for c in "()[]"}
        self.text = text
        self.literals = [m.span() for m in _SHORT_QUOTE.finditer(text)
                         if len(m.group().split()) <= MAX_LITERAL_WORDS]  # in order, not overlapping

    def next_end(self, at: int) -> int | None:
        """Where the sentence holding ``at`` ends (its mark), or None."""
        k = bisect_left(self.ends, at)
        return self.ends[k] if k < len(self.ends) else None

    def is_question(self, at: int) -> bool:
        """The sentence holding ``at`` ends with a question mark."""
        end = self.next_end(at)
        return end is not None and self.text[end] in "?؟"

    def quoted(self, at: int) -> bool:
        """Inside a short quotation ("No", «لا», “Not set”): a literal (a button, a value) that is
        named, not a negation said."""
        k = bisect_right(self.literals, (at, len(self.text) + 1)) - 1
        return k >= 0 and self.literals[k][0] <= at < self.literals[k][1]

    def bracketed(self, at: int) -> bool:
        """Inside (...) or [...]: a translator's gloss ("beat him (if he does not pray)"), often
        with no counterpart on the other side; its negation may or may not be there."""
        n = {c: bisect_left(pos, at) for c, pos in self.marks.items()}
        return n["("] > n[")"] or n["["] > n["]"]


# (session 16) a full stop inside a token (/etc/pptpd.conf, 1.0, e.g) ends no sentence
_SENTENCE_END = re.compile(r"[!?؟]|\.(?![^\s\"”»’)\]])")
MAX_LITERAL_WORDS = 3  # words of a quotation that names a literal (a label, a value), not quoted speech
_SHORT_QUOTE = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|‘[^’\n]*’')
_CLAUSE_START = re.compile(r"(?:^|[.!?؟،,:;؛\"«(]\s*)$")


def _count(text: str, sure: list[re.Match], not_neg: re.Pattern, continuation: re.Pattern,
           exception: re.Pattern, demote, openers: list[int] | None = None
           ) -> tuple[list[re.Match], int, list[re.Match], list[re.Match], list[re.Match], list[re.Match]]:
    """Sure negators (matches), how many were demoted to possible, continuations, and the negators an
    exception closed (restrictive, "only").

    A continuation ("nor", ولا) after a sure negator may be part of the same
    negation ("neither ... nor", لا ... ولا) or a new one: it is counted apart.
    A negator followed by an exception (no ... except, لا ... إلا) restricts
    ("only") and counts as possible, not sure; so does one inside brackets, one
    in a question and whatever ``demote`` says (privative لا).  ``openers``: where other negators
    (not continuations) start; an exception after one of them closes that one, not ``m`` (ولا فخر وما
    من نبي ... إلا: the إلا closes وما).  Last, the negators that only the brackets made possible, and those
    that only a question did.
    """
    blocked = [m.span() for m in not_neg.finditer(text)]  # in order, not overlapping
    block_starts = [b for b, _ in blocked]
    scan = _Scan(text)
    hits: list[re.Match] = []
    restrictive: list[re.Match] = []
    boxed: list[re.Match] = []
    questioned: list[re.Match] = []
    continuing: list[re.Match] = []
    n_demoted = 0
    for m in sure:
        k = bisect_right(block_starts, m.start()) - 1
        if k >= 0 and m.start() < blocked[k][1]:
            continue
        end = scan.next_end(m.end())
        window_end = min(m.end() + EXCEPT_WINDOW, end if end is not None else len(text))
        if openers:  # (session 15) an exception closes the nearest negator before it, not one further back
            k = bisect_right(openers, m.start())
            if k < len(openers):
                window_end = min(window_end, openers[k])
        closed = exception.search(text, m.end(), window_end)
        if (closed or demote(text, m)
                or scan.bracketed(m.start()) or scan.is_question(m.start()) or scan.quoted(m.start())):
            n_demoted += 1
            if closed and not scan.quoted(m.start()):
                restrictive.append(m)
            elif demote(text, m) or scan.quoted(m.start()) or hits and continuation.fullmatch(m.group()):
                pass
            elif not scan.is_question(m.start()):
                boxed.append(m)
            elif not scan.bracketed(m.start()):
                questioned.append(m)
            continue
        if hits and continuation.fullmatch(m.group()) and not (
                continuation is _EN_CONTINUATION and _EN_NEW_CLAUSE_NOR.match(text, m.end())):
            continuing.append(m)
            continue
        hits.append(m)
    return hits, n_demoted, continuing, restrictive, boxed, questioned



_NEXT_WORD = re.compile(r"\s*([\u0621-\u064a]+)")


def _privative(text: str, m: re.Match) -> bool:
    """لا before an adjective (لا تزامنيا "asynchronously", لا سلكي "wireless") is a prefix, not a clause
    negation: the next word is not verb-like and ends like a relative adjective (ي، ية، يا)."""
    if not m.group().endswith("لا"):
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is None:
        return False
    word = nxt.group(1)
    return word.endswith(("ية", "يا")) or (word[0] not in "يتنأ" and word.endswith(("ي", "يه")))


def _interrogative(text: str, m: re.Match) -> bool:
    """أ + negator asks (ألم تر "have you not seen", أفلا تعقلون): a rhetorical question, not a
    negation to match.  ألا inside a clause is أن لا ("يجب ألا" must not) and stays sure.  (Session 15:
    the check counts ألم، أفلا، أليس as sure again against a source that asks nothing, see ``_asking``.)"""
    if not _AR_INTERROGATIVE.fullmatch(m.group()):
        return False
    return m.group() != "ألا" or bool(_CLAUSE_START.search(text[:m.start()]))


# (session 15) A negative question (ألم تر، أفلا تعقلون، أليس) is rendered with its negation ("have you not
# seen", "will you not reason"), as every such pair of the tuning half is; it may lose it only in a source
# that is itself a question ("Did you see ...?").  So against a source with no "?" the check counts these
# as sure (PolarityCheck.run); ألا ("lo!", "won't you") and أولا ("firstly") stay possible.
_AMBIGUOUS_ASKING = ("ألا", "أولا")


def _asking(text: str) -> bool:
    """The span's text is a negative question word (ألم، أفلا، أليس ...)."""
    return _AR_INTERROGATIVE.fullmatch(text) is not None and text not in _AMBIGUOUS_ASKING


def _why(text: str, m: re.Match) -> bool:
    """لِمَ "why" before a perfect verb (لم شهدتم "why did you testify"): negative لم takes the
    imperfect (لم يشهد، لم تكن، لم أر), so a next word without an imperfect prefix asks, not negates."""
    if not m.group().endswith("لم"):
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is None:
        return False
    word = nxt.group(1)
    # the indicative (تلبسون "you confuse"), not the jussive negative لم takes (لم تلبسوا)
    return word[0] not in "يتنأاإ" or (len(word) >= 5 and word.endswith(("ون", "ين")))


def _lo(text: str, m: re.Match) -> bool:
    """ألا not before an imperfect verb is "lo! / indeed" (ألا إن ثمودا، ألا بعدا), no negator:
    ألّا (أن + لا) and the asking ألا "won't you" take a verb."""
    if m.group() != "ألا":
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    return nxt is not None and nxt.group(1)[0] not in "يتنأ"


# (session 16) indefinite ما "some" (خطأ ما.، نوعا ما "somewhat", إلى حد ما، شيء ما، بطريقة ما، يوما ما): after a
# noun it is no negator; so is a ما that ends its clause (negative ما needs a predicate after it)
_AR_SOME_BEFORE = re.compile(r"(?:^|\s)[وفبل]?(?:نوعا|نوعاً|حد|حدٍ|شيء|شيئا|شيئاً|شكل|طريقة|سبب|وقت|يوم|يوما|يوماً|مكان"
                             r"|مرحلة|درجة|مدى|قدر"
                             # ... and ما after an adverb of frequency or degree: عادة ما "usually", غالبا ما، كثيرا ما،
                             # أكثر ما "mostly", أول ما; نادرا ما "rarely" is a lexical near-negative (_AR_LEXICAL)
                             r"|عادة|عادةً|غالبا|غالباً|كثيرا|كثيراً|قليلا|قليلاً|أكثر|أقل|أول|نادرا|نادراً)\s+$")
_AR_CLAUSE_END_AFTER = re.compile(r"\s*(?:[.،,؛;:!؟?()\[\]»”\"]|$)|\s+(?:الذي|التي|الذين|اللذين|اللتين|اللواتي|اللاتي)"
                                  + _Z)  # ما الذي "what is it that": a question, no negation


# (session 16) إلا أن before a definite noun or إلا أنه with a pronoun: "however", no exception (إلا أن يشاء
# "unless he wills", إلا أن دعوتكم "except that I called you" take a verb and stay one)
_AR_HOWEVER = re.compile(r"[وف]?(?:إلا|الا)\s+(?:أن|ان|أنّ)(?:(?:ه|ها|هم|هما|هن|ك|كم|ني|نا)(?![\u0621-\u064a])|(?=\s+ال))")


def _some(text: str, m: re.Match) -> bool:
    """ما as "some" (see ``_AR_SOME_BEFORE``) or at the end of its clause: no negator, not even a possible one;
    and (session 16) إلا in إلا أن "however" (``_AR_HOWEVER``)."""
    if m.group().endswith(("إلا", "الا")):
        return _AR_HOWEVER.match(text, m.start()) is not None
    if not m.group().endswith("ما"):
        return False
    plain = _AR_MARKS.sub("", text[max(0, m.start() - 12):m.start()])
    return bool(_AR_SOME_BEFORE.search(plain) or _AR_CLAUSE_END_AFTER.match(text, m.end())) or _what(text, m)


_AR_WORD_BEFORE = re.compile(r"[\u0621-\u064a]\s+$")
_AR_IMPERFECT_AFTER = re.compile(r"\s+[يتن][\u0621-\u064a]{2,}(?<!وا)" + _Z)
# the من of a negation's "any" (ما يملكون من قطمير "they own not even a membrane", ما ترى ... من تفاوت)
_AR_ANY_AFTER = re.compile(r"(?:\s+[\u0621-\u064a]+){0,3}?\s+من\s+(?!ال)[\u0621-\u064a]")


def _what(text: str, m: re.Match) -> bool:
    """(session 17) Bare ما inside a clause, after a word and before an imperfect verb (معرفة ما يفعله "to know
    what it does", ستشبه ما نحصل عليه "will be like what we get", يعلم ما يسرون): the relative "what"; a
    negative ما there would open the clause (after a mark or و / ف), be closed by an exception (قالوا ما
    نعبدهم إلا: a restriction, kept) or take the من of "any" (من دونه ما يملكون من قطمير: kept).  A perfect
    plural (ما تبعوا) and a short verb (ما ترى) are not read as the imperfect."""
    if m.group() != "ما" or not _AR_WORD_BEFORE.search(text, max(0, m.start() - 2), m.start()):
        return False
    verb = _AR_IMPERFECT_AFTER.match(text, m.end())
    if verb is None or len(verb.group().strip()) < 4 or _AR_ANY_AFTER.match(text, verb.end()):
        return False
    end = _SENTENCE_END.search(text, m.end())
    return _AR_EXCEPTION_WORD.search(text, m.end(), min(m.end() + EXCEPT_WINDOW, end.start() if end else len(text))) is None


_MA_BEFORE = re.compile(_A + r"[وف]?ما\s+$")


def _unless(text: str, m: re.Match) -> bool:
    """ما لم "unless / as long as not" (ما لم يتب): a condition, which English may say with
    "unless", "until" or "if not"; possible, not sure."""
    return m.group() == "لم" and _MA_BEFORE.search(text, max(0, m.start() - 6), m.start()) is not None


# verbs of stopping: توقف، كف، انقطع (يتوقف، تكفوا، ينقطع); not يكفي "suffices"
_AR_STOP_VERB = re.compile(r"[يتنأ]?توقف[\u0621-\u064a]*|[يتنأ]نقطع[\u0621-\u064a]*|انقطع[\u0621-\u064a]*"
                           r"|[يتنأ]كف(?:وا|ون|ن)?")


def _negated_verb(text: str, m: re.Match, verbs: re.Pattern) -> bool:
    """لا / لم / لن (the match ``m``) right before a verb of ``verbs``."""
    if not m.group().endswith(("لا", "لم", "لن")):
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    return nxt is not None and verbs.fullmatch(nxt.group(1)) is not None


def _not_stopping(text: str, m: re.Match) -> bool:
    """لا / لم / لن before a verb of stopping (لا تتوقف عن "keep doing", لم يكف "kept on"): "continue",
    which English says with keep / continue / still or with "not stop" (not counted either)."""
    return _negated_verb(text, m, _AR_STOP_VERB)


# (session 16) verbs of forgetting, losing and missing (تنس، ينسى، تفقد، يفوت، يهمل، يضيع): لا before one is a
# double negation that English says positively ("don't forget" = "remember", "so as not to lose" = "to save")
_AR_LOSE_VERB = re.compile(r"[يتنأ]?نس(?:ى|ي|ا|وا|ين|ون|ن)?|[يتنأ](?:فقد|فوت|همل|غفل|ضيع)[\u0621-\u064a]*")


def _not_losing(text: str, m: re.Match) -> bool:
    """لا / لم / لن before a verb of forgetting or losing (لا تنس "remember", حتى لا تفقد "to keep"): possible."""
    return _negated_verb(text, m, _AR_LOSE_VERB)


_OR_BEFORE = re.compile(r"(?:^|\s)(?:أو|أم)\s+$")


def _or_not(text: str, m: re.Match) -> bool:
    """(session 16) "X أو لا X" (تتكرر أحيانا أو لا تتكرر "more or less frequent", يعمل أم لا يعمل): "or not",
    whether or not; no negation said (as "whether or not" in English).  The verb after لا repeats one of the
    three words before أو / أم."""
    if m.group() != "لا" or not _OR_BEFORE.search(text, max(0, m.start() - 5), m.start()):
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is None:
        return False
    before = re.findall(r"[\u0621-\u064a]+", text[max(0, m.start() - 60):m.start()])[-4:-1]
    word = nxt.group(1)
    return any(w == word or w[1:] == word and w[0] in "وف" for w in before)


def _arabic_demoted(text: str, m: re.Match) -> bool:
    return (_privative(text, m) or _interrogative(text, m) or _why(text, m) or _unless(text, m)
            or _not_stopping(text, m) or _not_losing(text, m))


# dis- verbs that mean "not X", which Arabic says with لا + the verb (dislike = لا أحب, disagree = لا أوافق)
_NOT_X_AFTER_DIS = ("lik", "agre", "allow", "approv", "trust", "regard", "pleas", "abl")
# (session 16) dis- negates only these stems (disobey, disbelieve, disconnect, disable); elsewhere it is part of
# the word (displayed, distributed, discussed, discovered, disclosed, dispatched): not a negative
_DIS_NEGATING = ("abl", "allow", "agre", "approv", "believ", "obe", "connect", "continu", "honest", "honor", "honour",
                 "lik", "loyal", "order", "qualif", "satisf", "trust", "regard", "respect", "associat", "arm", "own",
                 "prov", "unit", "inherit", "integrat", "appear", "mount", "enabl", "favo", "grace", "pleas", "comfort",
                 "advantag", "courag", "content", "similar", "embark", "infect", "interest", "organi", "engag", "credit",
                 "agree", "assembl", "use", "match")
# (session 16) words whose un- / in- / non- is no negation: unless (an exception word, counted apart), unlike
# (a preposition), united, immediate(ly)
_NOT_PREFIXED = ("unless", "unlike", "until", "under", "union", "unique", "unit", "univers", "uniform", "immedia",
                 "nonetheless")


def _prefixed_negatives(text: str, only: str | None = None) -> int:
    """Words negated by a prefix whose rest is an English word (unknown, invalid, disabled);
    with ``only``, those of that prefix alone (and not -less)."""
    common = english_words()
    if common is None:
        return len(_EN_PREFIXED_FALLBACK.findall(text)) if only is None else 0
    n = 0
    for m in _EN_PREFIXED.finditer(text):
        prefix, rest = m.group(1).lower(), m.group(2).lower()
        if m.group().lower().startswith(_NOT_PREFIXED) or prefix == "dis" and not rest.startswith(_DIS_NEGATING):
            continue
        if rest not in common and len(rest) >= 5 and (prefix.startswith("non") or prefix == "un" and rest.endswith(
                ("able", "ible"))):  # (session 16) nonsensical, unsatisfiable, unmountable
            n += only is None
            continue
        if rest not in common:  # unexpectedly: expected + ly
            rest = next((rest[:-len(e)] for e in _DERIVED_END if rest.endswith(e) and rest[:-len(e)] in common), "")
        if len(rest) < (5 if prefix in ("in", "im") else 4):  # (session 16) united (un + it + ed), invent, indent
            rest = ""
        if not rest or only is not None and (prefix != only or rest.startswith(_NOT_X_AFTER_DIS)
                                             or not m.group(2).lower().endswith(("ed", "ing"))):
            continue  # ``only``: verbs (disbelieved, disobeying), not adjectives (disobedient = لا يطيع)
        if (prefix.startswith("non") or prefix == "un" or rest.endswith(_ADJECTIVE_END)
                or prefix == "dis" and m.group(2).lower().endswith(("ed", "able", "ing"))):
            n += 1
    if only is not None:
        return n
    return n + sum(1 for m in _EN_LESS.finditer(text) if m.group(1).lower() in common)


_EN_RELATIVE = re.compile(r"\b\w+\s+(?:that|which|who)\s+(?:(?:has|have|had|is|are|was|were|can|could)(?:\s+been)?\s+)?$",
                          re.IGNORECASE)
_EN_AUX_NEG = re.compile(r"cannot|\w+n['’‘`´]t", re.IGNORECASE)  # the auxiliary is inside the word: isn't, can't


RELATIVE_WINDOW = 60  # characters before a negator searched for "<noun> that has (been)"
_PARTICIPLE = re.compile(r"\s+(?:been\s+)?[a-z]{2,}(?:ed|en|wn|ing)\b", re.IGNORECASE)


def _relative_clause(text: str, m: re.Match) -> bool:
    """A negated participle right after a relative pronoun and its auxiliary ("an animal that has
    not been milked", "those who are not fasting"): a negated description of a noun, which Arabic
    often renders by one word (مصراة، المفاطير).  Possible, not sure: the Arabic may or may not
    negate.  Not a negated predicate ("which is not the painful punishment"): that stays sure."""
    word = m.group()
    if word.lower() != "not" and not _EN_AUX_NEG.fullmatch(word):
        return False
    head = text[max(0, m.start() - RELATIVE_WINDOW):m.start()]  # a window: a text of many negators stays linear
    match = _EN_RELATIVE.search(head)
    if match is None:
        return False
    has_aux = not re.search(r"(?:that|which|who)\s+$", match.group(), re.IGNORECASE)
    if has_aux != (word.lower() == "not"):
        return False
    return _PARTICIPLE.match(text, m.end()) is not None


# (session 15) "only" said without a negator, and exception words that may close none
_EN_ONLY = re.compile(r"\b(?:only|merely|solely)\b", re.IGNORECASE)
_EN_EXCEPTING = re.compile(r"\b(?:except|other\s+than|apart\s+from)\b|" + _EN_SAVE_EXCEPT, re.IGNORECASE)
_AR_ONLY = re.compile(_A + r"(?:[وف])?(?:إنما|انما|فقط|فحسب)" + _Z)
_AR_EXCEPTING = re.compile(_A + r"(?:إلا|إلّا|سوى)" + _Z)  # not وإلا "otherwise"
# negative ما / إن closed by an exception (ما أرى إلا، إن هم إلا): a restriction with no sure negator
_AR_RESTRICT_OPENER = re.compile(_A + r"(?:[وف])?(?:ما|إن)" + _Z)
# ما before a preposition (ملعون ما فيها إلا ذكر الله "cursed is what is in it, except ...") may be
# relative: it closes an exception (so the exception word accuses nothing) but accuses nothing itself
_AR_PREPOSITION_AFTER_MA = re.compile(r"\s+(?:[وف]?(?:في|على|إلى|عن|عند|مع|ل|ب|من)(?:ه|ها|هم|هما|هن|ك|كم|نا|ي)"
                                      r"|في|على|إلى|عن|عند|مع)" + _Z)


def _excepting(text: str, pattern: re.Pattern, restrictive: list[re.Match]) -> list[re.Match]:
    """The exception words of a text that close no restrictive negator: each restrictive negator
    takes the first exception word after it."""
    words = list(pattern.finditer(text))
    for r in restrictive:
        k = next((i for i, w in enumerate(words) if w.start() >= r.end()), None)
        if k is not None:
            del words[k]
    return words


_EN_CLAUSE_MARK = re.compile(r"[,;:.!?]")
_EN_JOINT = re.compile(r"[;:]|,\s*(?:and|but|or|so|yet|while|whereas)\b", re.IGNORECASE)


def _en_bare_exceptions(text: str, restrictive: list[re.Match]) -> list[re.Match]:
    """English exception words that close no negator, in a clause (between marks) with no negator or
    possible negator of its own ("other than whom there is no deity" is a restriction)."""
    out = []
    marks = [m.start() for m in _EN_CLAUSE_MARK.finditer(text)]
    for w in _excepting(text, _EN_EXCEPTING, restrictive):
        k = bisect_left(marks, w.start())
        lo, hi = (marks[k - 1] + 1 if k else 0), (marks[k] if k < len(marks) else len(text))
        clause = text[lo:w.start()] + " " + text[w.end():hi]
        if not (_EN_NEG.search(clause) or _EN_POSSIBLE.search(clause)):
            out.append(w)
    return out


def english_negation(text: str) -> Negation:
    found = list(_EN_NEG.finditer(text))
    # a negator after a clause joint (", and", ";") opens a clause of its own: an exception after it
    # closes it, not one before the joint ("It is not a reward, and nothing ... except"); an elliptic
    # list ("there will not be a prophet, not Adam nor anyone ... except") has no joint
    openers = [n.start() for i, n in enumerate(found)
               if not _EN_CONTINUATION.fullmatch(n.group())
               and _EN_JOINT.search(text, found[i - 1].end() if i else 0, n.start())]
    hits, demoted, continuing, restrictive, boxed, _ = _count(text, found, _EN_NOT_NEG, _EN_CONTINUATION, _EN_EXCEPT,
                                                   _relative_clause, openers)
    # "not ... without": both words may be rendered (لا تكثروا الكلام بغير ذكر الله), or neither (لا بد)
    possible = (demoted + len(continuing) + len(_EN_POSSIBLE.findall(text)) + 2 * len(_EN_DOUBLE.findall(text))
                + len(_EN_BUT_EXCEPT.findall(text)) + _prefixed_negatives(text))
    return Negation(tuple(_span(m) for m in hits), possible, len(_EN_EXCEPTION_WORD.findall(text)),
                    _prefixed_negatives(text, only="dis"),
                    tuple(_span(m) for m in restrictive), len(restrictive) + len(_EN_ONLY.findall(text)),
                    tuple(_span(m) for m in _en_bare_exceptions(text, restrictive)), (), len(restrictive),
                    _bracketed(text, found, _EN_NOT_NEG), tuple(_span(m) for m in boxed), (),
                    tuple(_span(m) for m in continuing))


def _arabic_restrictions(text: str, sure: list[re.Match]) -> tuple[list[re.Match], list[re.Match]]:
    """Negative ما / إن closed by an exception in its sentence (ما أرى أسماء إلا قد نفست, إن هم إلا
    يظنون) with no sure negator between: "only".  Two lists: those that are surely restrictions, and
    those (ما before a preposition, which may be relative) that only may be.  إن counts only with at
    most two words before the exception (إن هم إلا، إن الكافرون إلا), not as "indeed" (إن المسألة كد ... إلا)."""
    scan = _Scan(text)
    starts = [m.start() for m in sure]
    possible_ma = {m.start() for m in _AR_POSSIBLE.finditer(text) if not _some(text, m)}  # (session 16) not نوعا ما
    sure_out: list[re.Match] = []
    maybe_out: list[re.Match] = []
    for m in _AR_RESTRICT_OPENER.finditer(text):
        is_ma = m.group().endswith("ما")
        if is_ma and m.start() not in possible_ma or m.start() in starts:  # وما كان: a sure one, counted
            continue
        end = scan.next_end(m.end())
        window_end = min(m.end() + EXCEPT_WINDOW, end if end is not None else len(text))
        exc = _AR_EXCEPTING.search(text, m.end(), window_end)
        if exc is None or bisect_left(starts, m.end()) != bisect_left(starts, exc.start()):
            continue
        if not is_ma and len(text[m.end():exc.start()].split()) > 2:
            continue
        (maybe_out if is_ma and _AR_PREPOSITION_AFTER_MA.match(text, m.end()) else sure_out).append(m)
    return sure_out, maybe_out


def arabic_negation(text: str) -> Negation:
    sure = list(_AR_NEG.finditer(text))
    ghayr = [m for m in _AR_GHAYR.finditer(text) if m.group(1) not in _AR_FUNCTION_AFTER_GHAYR]
    ma_kana = list(_AR_MA_KANA.finditer(text)) + list(_AR_MA_LAKUM.finditer(text))
    # (session 17) "X أو لا X" says no negation (as "whether or not"): not even a possible one
    sure = sorted([m for m in sure if not _or_not(text, m)] + ghayr + ma_kana, key=lambda m: m.start())
    taken = [m.start() for m in ghayr + ma_kana]
    # (session 15) an exception closes the nearest negator before it: ما / إن count as openers too
    openers = sorted({m.start() for m in sure if not _AR_CONTINUATION.fullmatch(m.group())}
                     | {m.start() for m in _AR_POSSIBLE.finditer(text) if m.group().endswith("ما") and not _some(text, m)}
                     | {m.start() for m in _AR_RESTRICT_OPENER.finditer(text) if m.group().endswith("إن")})
    hits, demoted, continuing, restrictive, boxed, questioned = _count(text, sure, _AR_NOT_NEG, _AR_CONTINUATION, _AR_EXCEPT,
                                                   _arabic_demoted, openers)
    # (session 16) ولا continues a "without" too (من غير رخصة ولا مرض "without an allowance or illness")
    without_ends = [w.end() for w in _AR_WITHOUT.finditer(text)]
    after_without = [m for m in hits if _AR_CONTINUATION.fullmatch(m.group())
                     and any(0 <= m.start() - e <= CONTINUATION_WINDOW for e in without_ends)]
    if after_without:
        hits = [m for m in hits if m not in after_without]
    continued = len(continuing) + len(after_without)
    # (session 16) بدون, a sure negator, is not counted again as a possible دون ("without" twice)
    sure_spans = [m.span() for m in sure if "بدون" in m.group()]
    sure_spans += [m.span() for m in _AR_NOT_NEG.finditer(text)]  # nor ما in ما زال / ما زلنا "still"
    possible = sum(1 for m in _AR_POSSIBLE.finditer(text) if m.start() not in taken and not _lo(text, m)
                   and not any(a < m.end() and m.start() < b for a, b in sure_spans) and not _some(text, m))
    possible += demoted + continued + len(_ar_lexical(text))
    more, maybe = _arabic_restrictions(text, sure)
    possible += sum(1 for m in more if m.group().endswith("إن"))  # إن هم إلا: a negator, and only possible
    restrictive = sorted(restrictive + more, key=lambda m: m.start())
    closing = sorted(restrictive + maybe, key=lambda m: m.start())
    closed = len(closing)
    scan = _Scan(text)
    asking = [m for m in sure if _asking(m.group()) and m not in hits and m not in restrictive
              and not (scan.bracketed(m.start()) or scan.quoted(m.start()))]
    return Negation(tuple(_span(m) for m in hits), possible, len(_AR_EXCEPTION_WORD.findall(text)), 0,
                    tuple(_span(m) for m in restrictive), len(closing) + len(_AR_ONLY.findall(text)),
                    tuple(_span(m) for m in _excepting(text, _AR_EXCEPTING, closing)), tuple(_span(m) for m in asking),
                    closed, _bracketed(text, sure, _AR_NOT_NEG), tuple(_span(m) for m in boxed),
                    tuple(_span(m) for m in questioned if m not in asking), tuple(_span(m) for m in continuing))


# English verb -> the Arabic verb that says "not <verb>" in one word (break the fast, break a
# promise, forget, disobey, refuse, hate, forbid, be absent, deny): an English negator right
# before such a verb is rendered by the Arabic word, and is paired off when the target has it.
# Paired, not a loose "possible": an Arabic يفطر elsewhere in the pair excuses no other negator.
_AR_W = r"[\u0621-\u064a]*"
_LEXICAL_PAIRS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (r"fast(?:s|ed|ing)?", re.compile(_A + r"[وف]?(?:[أيتن]فطر|(?:ال)?مفا?طي?ر)" + _AR_W)),
    (r"fulfill?(?:s|ed|ing)?|keep(?:s|ing)?|kept", re.compile(_A + r"[وف]?[أيتن]خلف" + _AR_W)),
    (r"remember(?:s|ed|ing)?|recall(?:s|ed|ing)?", re.compile(_A + r"[وف]?[يتن]?نس(?:ي|ى|وا|ون|ين)" + _AR_W)),
    (r"obey(?:s|ed|ing)?", re.compile(_A + r"[وف]?[يت]?عص(?:ي|ى|وا|ون|و)" + _AR_W)),
    (r"accept(?:s|ed|ing)?|agree(?:s|d|ing)?|consent(?:s|ed|ing)?|want(?:s|ed|ing)?",
     re.compile(_A + r"[وف]?(?:[يت]?أب(?:ى|وا|ون|ت)|أبى|[يت]?رفض)" + _AR_W)),
    (r"like(?:s|d)?|lov(?:e|es|ed|ing)", re.compile(_A + r"[وف]?(?:[يتن]?كره|مكروه|[يتن]?بغض|أبغض)" + _AR_W)),
    (r"allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|let", re.compile(_A + r"[وف]?(?:[يتن]?منع|حرّ?م|[يتن]حرم|نه[ىا]|ينه[ىا])" + _AR_W)),
    (r"attend(?:s|ed|ing)?|present|come|came", re.compile(_A + r"[وف]?(?:غاب|[يت]غيب|غائب|[يت]?تخلف)" + _AR_W)),
    (r"admit(?:s|ted|ting)?|acknowledg(?:e|es|ed|ing)", re.compile(_A + r"[وف]?(?:أنكر|[يت]نكر)" + _AR_W)),
)
_EN_NEGATED_VERB = r"\b(?:not|never|cannot|[a-z]+n['’‘`´]t)\s+(?:(?:be|been|have|to|he|she|it|they|you|we|i|\w+ly)\s+){0,2}"


def _lexically_rendered(src: tuple[Segment, ...], tgt_text: str) -> set[Span]:
    """Spans (rebased) of English negators before a verb whose negation the target says in one
    word (not fast ~ يفطر, does not fulfil ~ أخلف): rendered, not lost."""
    out: set[Span] = set()
    for english, arabic in _LEXICAL_PAIRS:
        if not arabic.search(tgt_text):
            continue
        for seg in src:
            for m in re.finditer(_EN_NEGATED_VERB + r"(?:" + english + r")\b", seg.text, re.IGNORECASE):
                neg = re.match(r"\w+(?:['’‘`´]t)?", m.group())
                assert neg is not None
                out.add(seg_span(seg, m.start(), m.start() + len(neg.group())))
    return out


_AR_VERBAL = re.compile(r"(?:أ?[وف])?(?:لم|لن|لا)")


def _verbal_negator(pair: AlignedPair, sp: Span) -> bool:
    """لم / لن / لا before an imperfect verb (لا يحب، لم يأت): a clause negation, which an English word
    negated by its prefix (unaware, disobey) does not account for."""
    if not _AR_VERBAL.fullmatch(_AR_MARKS.sub("", sp.text)):
        return False
    for seg in pair.tgt:
        if seg.block_index == sp.block_index and seg.start <= sp.start < seg.start + len(seg.text):
            nxt = _NEXT_WORD.match(seg.text, sp.end - seg.start)
            return nxt is not None and nxt.group(1)[0] in "يتنأ"
    return False


def _span(m: re.Match) -> Span:
    """A match as a provisional span (offsets within its segment); ``_side`` rebases it."""
    text = m.group()
    if m.re is _AR_GHAYR or m.re is _AR_MA_LAKUM:  # the negator, not the word it negates
        text = text.split()[0]
    return Span(-1, m.start(), m.start() + len(text), text)


# (session 15) harakat, shadda, tatweel and Quranic marks: the patterns are written for plain spelling,
# so a vowelled لَمْ يَأْتِ or لَيْسَ found no negator at all (a correct vowelled pair was critical)
_AR_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")


def unmarked(text: str) -> tuple[str, list[int]]:
    """The text without Arabic marks, and for each of its characters (and its end) the offset in
    ``text``."""
    at = [i for i, ch in enumerate(text) if not _AR_MARKS.match(ch)]
    return "".join(text[i] for i in at), at + [len(text)]


def _marked_span(text: str, at: list[int], start: int, end: int) -> tuple[int, int]:
    """Offsets in the marked ``text`` of ``start:end`` in its unmarked form; the last letter's marks
    stay with it."""
    a, b = at[start], (at[end - 1] + 1 if end > start else at[start])
    while b < len(text) and _AR_MARKS.match(text[b]):
        b += 1
    return a, b


_AR_FIRSTLY = re.compile(_A + r"[وف]?أول(?:\u064b\u0627|\u0627\u064b)" + _Z)
# (session 17) a shadda on the second radical makes غير / دون the verbs غيّر "change" and دوّن "write down"
# (أو غيّر اسم الملف، ليكن اسم المفضّلة (دوّن عن هذا)), no negator: read as غىر / دؤن (same length)
_AR_SHADDA_VERB = re.compile(_A + r"(?:[وف]?غ[\u064b-\u0650\u0652]*ي|[وف]?د[\u064b-\u0650\u0652]*و)(?=[\u064b-\u0650\u0652]*\u0651"
                             r"[\u064b-\u0652]*[رن])")


def _plain(text: str) -> str:
    """The Arabic text as the patterns read it: أولاً (tanween) as اولا "firstly", غيّر / دوّن as verbs
    (``_AR_SHADDA_VERB``); the same length, so offsets are kept before the marks are dropped."""
    text = _AR_FIRSTLY.sub(lambda m: m.group().replace("أ", "ا", 1), text)
    return _AR_SHADDA_VERB.sub(lambda m: m.group()[:-1] + {"ي": "ى", "و": "ؤ"}[m.group()[-1]], text)



def _side(segs: tuple[Segment, ...], finder) -> Negation:
    """One side's negation over its segments, spans rebased on the page (the Arabic side read
    without its marks, spans given back on the marked text)."""
    spans: list[Span] = []
    restrictive: list[Span] = []
    excepting: list[Span] = []
    asking: list[Span] = []
    boxed: list[Span] = []
    questioned: list[Span] = []
    continued: list[Span] = []
    possible = exceptions = prefixed = restricting = closed = bracketed = 0
    for seg in segs:
        at: list[int] = []
        if finder is arabic_negation and _AR_MARKS.search(seg.text):
            # (session 16) أولاً with its tanween is "firstly", not أ + و + لا: read as اولا (same length)
            plain, at = unmarked(_plain(seg.text))
            n = finder(plain)
        else:
            n = finder(seg.text)

        def rebased(found: tuple[Span, ...], seg: Segment = seg, at: list[int] = at) -> list[Span]:
            if not at:
                return [seg_span(seg, sp.start, sp.end) for sp in found]
            return [seg_span(seg, *_marked_span(seg.text, at, sp.start, sp.end)) for sp in found]

        spans.extend(rebased(n.sure))
        restrictive.extend(rebased(n.restrictive))
        excepting.extend(rebased(n.excepting))
        asking.extend(rebased(n.asking))
        boxed.extend(rebased(n.boxed))
        questioned.extend(rebased(n.questioned))
        continued.extend(rebased(n.continued))
        possible += n.possible
        exceptions += n.exceptions
        prefixed += n.prefixed
        restricting += n.restricting
        closed += n.closed
        bracketed += n.bracketed
    return Negation(tuple(spans), possible, exceptions, prefixed, tuple(restrictive), restricting, tuple(excepting),
                    tuple(asking), closed, bracketed, tuple(boxed), tuple(questioned), tuple(continued))


_AR_NEGATING_RENDERING = re.compile(r"^(?:غير|عدم|لا)\s")
_EN_WORD = re.compile(r"[A-Za-z]{3,}")


@lru_cache(maxsize=8192)
def _negative_by_dictionary(word: str) -> bool:
    """An English word the dictionary renders with a negator (offline = غير متصل, absent = غير
    موجود): its Arabic rendering carries a negation the English word says without one."""
    dictionary = en_ar_dictionary()
    return dictionary is not None and any(_AR_NEGATING_RENDERING.match(r) for r in dictionary.arabic(word))


def _negating_renderings(word: str) -> list[tuple[str, str]]:
    """(negator, the word it negates) of each rendering of an English word that the dictionary
    gives with a negator: offline -> (غير, متصل), absent -> (غير, موجود)."""
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return []
    return [(r.split()[0], r.split()[1]) for r in dictionary.arabic(word)
            if _AR_NEGATING_RENDERING.match(r) and len(r.split()) >= 2]


def _stem(word: str) -> str:
    """An Arabic word without its article and a feminine or plural ending (المتصلة -> متصل)."""
    core = re.sub(r"^(?:[وفبل]?ال|[وفبل])(?=[\u0621-\u064a]{3})", "", word)
    return re.sub(r"(?:ة|ات|ون|ين|ه)$", "", core) if len(core) > 4 else core


def _ghayr_renderings(src_text: str, tgt_text: str, ghayr: list[Span], pair: AlignedPair) -> list[Span]:
    """(session 16) The target's sure غير spans whose next word renders an English word negated by its prefix:
    the dictionary gives the rest (known -> معروف) or the whole word with غير (unwanted -> غير مرغوب).  Each
    English word and each غير is used once."""
    dictionary = en_ar_dictionary()
    if dictionary is None or not ghayr:
        return []
    words = []  # per English prefixed word: the stems it may be rendered by after غير
    for m in _EN_PREFIXED.finditer(src_text):
        if not _prefixed_negatives(m.group()):
            continue
        rest = m.group(2).lower()
        stems = {_stem(w) for r in dictionary.arabic(rest) for w in r.split()}
        stems |= {_stem(r.split()[1]) for r in dictionary.arabic(m.group().lower())
                  if _AR_NEGATING_RENDERING.match(r) and len(r.split()) >= 2}
        if stems:
            words.append(stems)
    out: list[Span] = []
    for sp in ghayr:
        nxt = None
        for seg in pair.tgt:
            if seg.block_index == sp.block_index and seg.start <= sp.start < seg.start + len(seg.text):
                nxt = _NEXT_WORD.match(_AR_MARKS.sub("", seg.text[sp.end - seg.start:]))
        if nxt is None:
            continue
        stem = _stem(nxt.group(1))
        k = next((i for i, stems in enumerate(words) if stem in stems), None)
        if k is not None:
            out.append(sp)
            del words[k]
    return out


def _prefixed_rendered(src_text: str, tgt_text: str) -> int:
    """(session 17) English words negated by a prefix (unaware, uncomfortable) whose one-word dictionary rendering
    with no negator (غافل، مزعج) is in the target, not right after a negator: rendered lexically."""
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return 0
    stems = {_stem(w): i for i, w in enumerate(re.findall(r"[\u0621-\u064a]+", tgt_text))}
    words = re.findall(r"[\u0621-\u064a]+", tgt_text)
    n = 0
    for m in _EN_PREFIXED.finditer(src_text):
        if not _prefixed_negatives(m.group()):
            continue
        renderings = [r for r in dictionary.arabic(m.group().lower()) if len(r.split()) == 1]
        for r in renderings:
            i = stems.get(_stem(r))
            if i is not None and not (i and _AR_NEGATED_BEFORE.search(words[i - 1] + " ")):
                n += 1
                break
    return n


def _dictionary_negatives(text: str, tgt_text: str) -> int:
    """Words of an English text that the dictionary renders with a negator, rendered so in the
    target (offline ~ غير متصلة: the negator before the rendering's word); not those already
    counted (negators, prefixed negatives)."""
    counted = {m.group().lower() for p in (_EN_NEG, _EN_POSSIBLE, _EN_PREFIXED, _EN_LESS) for m in p.finditer(text)}
    pairs = [(a, _stem(b)) for a, b in re.findall(r"([\u0621-\u064a]+)\s+(?=([\u0621-\u064a]+))", tgt_text)]
    n = 0
    for m in _EN_WORD.finditer(text):
        word = m.group().lower()
        if word in counted or not _negative_by_dictionary(word):
            continue
        if any(a.endswith(neg) and b == _stem(what) for neg, what in _negating_renderings(word) for a, b in pairs):
            n += 1
    return n


_EN_LOOSE_PREFIXED = re.compile(r"\b(un|non-?|in|im|il|ir|mis|a)([a-z]{3,})\b", re.IGNORECASE)


_A_PRIVATIVE_END = ("ic", "ical", "al", "ous")  # a- + these: asynchronous, atypical (not alone, alive, abroad)


def _adjective(word: str) -> bool:
    return any(pos == "adj" for pos, _ in wordnet.lemmas(word))


def _verb_form(word: str) -> bool:
    return any(pos == "verb" for pos, _ in wordnet.lemmas(word))


def _loosely_prefixed(text: str) -> int:
    """Adjectives negated by a prefix that :func:`_prefixed_negatives` leaves out (improper, inexact,
    infinite, unfit, mismatched, asynchronous, atypical): WordNet reads the word and its rest both as
    adjectives (proper, exact, finite ...), so install, union or units do not count; in-/im- words
    that are also verb forms (improved, informed) and a- words without an adjective ending (alone,
    alive) do not either.  Counted only against غير before a word (:meth:`PolarityCheck.run`)."""
    n = 0
    for m in _EN_LOOSE_PREFIXED.finditer(text):
        word, prefix, rest = m.group().lower(), m.group(1).lower(), m.group(2).lower()
        if _prefixed_negatives(word) or not (_adjective(word) and _adjective(rest)):
            continue
        if prefix == "a" and not rest.endswith(_A_PRIVATIVE_END) or prefix[0] == "i" and _verb_form(word):
            continue
        n += 1
    return n


# (session 16) English words negative by their meaning (a subset of _EN_POSSIBLE): fail, lack, avoid, rarely ...
_EN_LEXICAL_NEG = re.compile(r"\b(?:lack(?:s|ed|ing)?|absen\w+|missing|refus\w*|den(?:y|ies|ied)|prevent\w*|"
                             r"fail(?:s|ed|ing|ure)?(?!\s+to\b)|forb[ia]d\w*|prohibit\w*|avoid\w*|refrain\w*|"
                             r"neglect\w*|hardly|scarcely|barely|seldom|rarely|doubt\w*)\b", re.IGNORECASE)


def _kind_negatives(text: str) -> tuple[int, int]:
    """English words negative by their meaning (fails, lack, avoid, rarely) and by their form (unknown,
    useless), each counted as a possible negator."""
    return len(_EN_LEXICAL_NEG.findall(text)), _prefixed_negatives(text)


# غير / عدم before a definite word ("other than", a noun): possible; not من غير / بغير "without"
_AR_GHAYR_ADM = re.compile(_A + r"(?<!من )(?:[وفل])?(?:غير|عدم)(?=\s+ال)" + _Z)
_EN_ONLY_POSSIBLE = re.compile(r"\bonly\b", re.IGNORECASE)  # the "only" that _EN_POSSIBLE counts
_AR_ONLY_PLAIN = re.compile(_A + r"[وف]?(?:فقط|فحسب|وحسب|حصرا|حصراً|مجرد|بمجرد)" + _Z)
CONTINUATION_WINDOW = 40  # characters between "without" (دون، من غير) and the ولا that continues it
_AR_WITHOUT = re.compile(_A + r"(?:(?<!من )[وف]?دون(?!\s+(?:ذلك|هذا|هذه|تلك|هؤلاء)(?![\u0621-\u064a]))|(?<=من )غير)" + _Z)
_AR_NEGATED_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:غير|لا|لم|لن|عدم)\s+$")
_AR_FORM_LEXICAL = re.compile(r"(?:[وفب]?لا[يتن]|[وفبل]?(?:عديم|منعدم|بلا))")


def _kind_negatives_ar(text: str) -> tuple[int, int]:
    """Arabic words negative by their meaning (يخفق، غياب، يرفض، نادرا ما) and by their form (عديم، لانهائي،
    بلا; غير / عدم before a definite word: غير المستقرة "unstable"), counted as possible negators."""
    # not one a negator negates (غير منعدمة "non-null", لا يفشل): with its negator it says something positive
    lexical = [m.group() for m in _ar_lexical(text)
               if not _AR_NEGATED_BEFORE.search(text, max(0, m.start() - 8), m.start())]
    form = sum(1 for w in lexical if _AR_FORM_LEXICAL.match(w))
    return len(lexical) - form, form + len(_AR_GHAYR_ADM.findall(text))


def _brackets(text: str) -> int:
    """How many bracketed asides a text opens."""
    return text.count("(") + text.count("[")


def _unboxed(side: Negation) -> Negation:
    """(session 17) The side with its bracketed negators counted as sure again, for a pair whose two sides
    open as many brackets: the asides translate each other (a negation inside one and not inside the other
    is lost or added, not a gloss one side lacks)."""
    if not side.boxed:
        return side
    n = len(side.boxed)
    return replace(side, sure=tuple(sorted(side.sure + side.boxed, key=lambda sp: (sp.block_index, sp.start))),
                   possible=side.possible - n, bracketed=side.bracketed - n, boxed=())


_AR_OR = re.compile(_A + r"(?:أو|أم)" + _Z)
_EN_NOUN_PHRASE = re.compile(r"\s+(?:the|a|an|his|her|their|its|my|your|our|any|this|that|these|those)\b", re.IGNORECASE)


def _nor_clause(pair: AlignedPair, sp: Span) -> bool:
    """The source's "nor" at ``sp`` is not followed by a noun phrase (a determiner): it continues a clause."""
    for seg in pair.src:
        if seg.block_index == sp.block_index and seg.start <= sp.start < seg.start + len(seg.text):
            return _EN_NOUN_PHRASE.match(seg.text, sp.end - seg.start) is None
    return False


class PolarityCheck(Check):
    name = "polarity"
    category = "accuracy/polarity"
    default_severity = Severity.CRITICAL

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.src or not pair.tgt:
            return []
        src, tgt = _side(pair.src, english_negation), _side(pair.tgt, arabic_negation)
        tgt_text = unmarked(_plain(pair.tgt_text))[0] if _AR_MARKS.search(pair.tgt_text) else pair.tgt_text
        if len(tgt.sure) > len(src.sure) + src.possible:  # offline ~ غير متصل: the rendering negates
            src = replace(src, possible=src.possible + _dictionary_negatives(pair.src_text, tgt_text))
        ghayr = sum(1 for sp in tgt.sure if _AR_MARKS.sub("", sp.text).endswith("غير"))
        if ghayr and len(tgt.sure) > len(src.sure) + src.possible:  # improper ~ غير سليم: the prefix is the negator
            src = replace(src, possible=src.possible + min(ghayr, _loosely_prefixed(pair.src_text)))
        surplus = len(src.sure) - len(tgt.sure) - tgt.possible
        rendered = _lexically_rendered(pair.src, tgt_text) if surplus > 0 else set()
        if rendered:  # "not fast" ~ يفطر: the English negator is said by the Arabic verb (only those unmatched)
            drop = [sp for sp in src.sure if sp in rendered][:surplus]
            src = replace(src, sure=tuple(sp for sp in src.sure if sp not in drop))
        if tgt.asking and "?" not in pair.src_text:  # ألم تر against a source that asks nothing: sure
            tgt = replace(tgt, sure=tuple(sorted(tgt.sure + tgt.asking, key=lambda sp: (sp.block_index, sp.start))),
                          possible=tgt.possible - len(tgt.asking))
        if (src.boxed or tgt.boxed) and _brackets(pair.src_text) == _brackets(tgt_text):
            src, tgt = _unboxed(src), _unboxed(tgt)
        if tgt.questioned and not src.sure and not src.possible and "?" in pair.src_text:
            # (session 17) هل لا ترغب ...؟ against "Do you want ...?": a question that negates nothing in the
            # source is no rhetorical one to excuse the target's negator; it counts as sure
            tgt = replace(tgt, sure=tuple(sorted(tgt.sure + tgt.questioned, key=lambda sp: (sp.block_index, sp.start))),
                          possible=tgt.possible - len(tgt.questioned), questioned=())
        paired = min(src.exceptions, tgt.exceptions)  # except ~ إلا: each translates the other
        # (session 15) "nothing ... except" ~ لا ... إلا: a restriction on each side translates the other,
        # and its negator accounts for no other negation (لا يغيب شيء إلا كتب does not pay for a lost "not")
        paired += min(src.closed, tgt.closed)
        # (session 16) so does a bracketed negation on each side ("(which does nothing)" ~ "(الذي لا يفعل شيئا)"):
        # it pays for no negation lost outside the brackets
        paired += min(src.bracketed, tgt.bracketed)
        s_spans, s_sure, s_possible = list(src.sure), len(src.sure), max(0, src.possible - paired)
        t_spans, t_sure, t_possible = list(tgt.sure), len(tgt.sure), max(0, tgt.possible - paired)
        # (session 16) a word negative by its form or meaning on each side translates the other (useless ~ عديمة
        # الجدوى, fails ~ يخفق, unknown ~ غير معروف): they pair off and pay for no negation lost elsewhere
        (en_lex, en_form), (ar_lex, ar_form) = _kind_negatives(pair.src_text), _kind_negatives_ar(tgt_text)
        k = min(en_lex, ar_lex, s_possible, t_possible) + min(en_form, ar_form, s_possible, t_possible)
        k = min(k, s_possible, t_possible)
        s_possible, t_possible = s_possible - k, t_possible - k
        # (session 16) a sure غير X rendering an English word negated by its prefix, by the dictionary (unknown ~
        # غير معروف: "known" = معروف; unwanted ~ غير مرغوب): the same negation, paired off; the English word
        # pays for nothing else and the غير accounts for no other negation
        rendered_ghayr = _ghayr_renderings(pair.src_text, tgt_text, [sp for sp in t_spans if _AR_MARKS.sub(
            "", sp.text).endswith("غير")], pair) if s_possible else []
        k = min(len(rendered_ghayr), s_possible)
        if k:
            t_spans = [sp for sp in t_spans if sp not in rendered_ghayr[:k]]
            t_sure, s_possible = t_sure - k, s_possible - k
        # (session 17) an English word negated by its prefix that the target renders by the dictionary's own word for
        # it, without a negator (unaware ~ الغافلات, uncomfortable ~ مزعج): said, and it pays for no other negation
        if s_possible and t_sure > s_sure:
            s_possible -= min(s_possible, _prefixed_rendered(pair.src_text, tgt_text))
        # (session 16) "only" said without a negator on each side (only ~ فقط، فحسب، حصرا، مجرد) translates the
        # other: the English "only" pays for no Arabic negation (for لا ... إلا it would)
        only = len(_EN_ONLY_POSSIBLE.findall(pair.src_text))
        k = min(only, len(_AR_ONLY_PLAIN.findall(tgt_text)), s_possible)
        s_possible -= k
        # (session 16) "without" ~ دون / من غير: the same word (دون counts as possible, "without" as sure); paired,
        # so that neither accounts for another negation (without a parameter ~ دون أي متغيرات, with a لا added)
        k = min(len([sp for sp in s_spans if sp.text.lower() == "without"]), len(_AR_WITHOUT.findall(tgt_text)),
                t_possible)
        if k:
            drop = [sp for sp in s_spans if sp.text.lower() == "without"][:k]
            s_spans = [sp for sp in s_spans if sp not in drop]
            s_sure, t_possible = s_sure - k, t_possible - k
        whole_src = seg_span(pair.src[0], 0, len(pair.src[0].text))
        whole_tgt = seg_span(pair.tgt[0], 0, len(pair.tgt[0].text))
        if s_sure and not t_sure and not t_possible:
            return [self.finding(
                f"The source is negative (“{s_spans[0].text}”) but the translation has no negation.",
                src_span=s_spans[0], tgt_span=whole_tgt,
                threshold=f"source negators {s_sure}, target negators 0 (none possible)")]
        verbal = [sp for sp in t_spans if _verbal_negator(pair, sp)]
        if t_sure and not s_sure and (not s_possible or verbal and s_possible <= src.prefixed):
            return [self.finding(
                f"The translation is negative (“{t_spans[0].text}”) but the source has no negation.",
                src_span=whole_src, tgt_span=t_spans[0],
                threshold=f"target negators {t_sure}, source negators 0 (none possible)")]
        if s_sure > t_sure + t_possible:
            return [self.finding(
                f"The source has {s_sure} negations, the translation {t_sure}: a negated clause may be lost.",
                severity=Severity.MAJOR, src_span=s_spans[-1], tgt_span=t_spans[-1] if t_spans else whole_tgt,
                threshold=f"source negators {s_sure} > target negators {t_sure} + possible {t_possible}")]
        if t_sure > s_sure + s_possible:
            return [self.finding(
                f"The translation has {t_sure} negations, the source {s_sure}: a negation may be added.",
                severity=Severity.MAJOR, src_span=s_spans[-1] if s_spans else whole_src, tgt_span=t_spans[-1],
                threshold=f"target negators {t_sure} > source negators {s_sure} + possible {s_possible}")]
        # (session 17) "not X nor <verb>" (do not sit ... nor perform): the nor negates a clause of its own, which
        # Arabic says with ولا; a target with one negator, no ولا and no أو (which a negation's scope covers:
        # لا تجلسوا أو تصلوا) affirms it (لا تجلسوا ... وتصلوا).  "nor the disbelievers" (a noun) may be
        # covered by the first negation (لا تتخذوا ... والكفار): not counted
        verbal_nor = [sp for sp in src.continued if _nor_clause(pair, sp)]
        if verbal_nor and s_sure and len(verbal_nor) > len(tgt.continued) + t_possible and not _AR_OR.search(tgt_text):
            return [self.finding(
                f"The source continues a negation (“{verbal_nor[0].text}”) but the translation does not "
                f"(no ولا): the second negated clause may be affirmed.",
                severity=Severity.MAJOR, src_span=verbal_nor[0], tgt_span=t_spans[-1] if t_spans else whole_tgt,
                threshold=f"source nor-clauses {len(verbal_nor)} > target continuations {len(tgt.continued)} "
                          f"+ possible {t_possible}, no أو")]
        return self._restriction(src, tgt) or self._only_excepted(pair, src, tgt)

    def _restriction(self, src: Negation, tgt: Negation) -> list[Finding]:
        """(session 15) A restriction ("nothing ... except", لا ... إلا = "only") on one side whose
        other side has an exception word but fewer ways of saying "only": the negator that made the
        exception a restriction is lost (يرد القضاء إلا الدعاء = "it turns back the decree, except
        supplication"), or one was added."""
        if len(src.restrictive) > tgt.restricting and tgt.excepting:
            sp = src.restrictive[tgt.restricting]
            return [self.finding(
                f"The source restricts (“{sp.text} … except”: only) but the translation excepts without a "
                f"negation (“{tgt.excepting[0].text}”): the restriction's negation may be lost.",
                severity=Severity.MAJOR, src_span=sp, tgt_span=tgt.excepting[0],
                threshold=f"source restrictions {len(src.restrictive)} > target restrictions {tgt.restricting}, "
                          f"target exception words closing no negator {len(tgt.excepting)}")]
        if len(tgt.restrictive) > src.restricting and src.excepting:
            sp = tgt.restrictive[src.restricting]
            return [self.finding(
                f"The translation restricts (“{sp.text} … إلا”: only) but the source excepts without a "
                f"negation (“{src.excepting[0].text}”): a negation may be lost from the source or added.",
                severity=Severity.MAJOR, src_span=src.excepting[0], tgt_span=sp,
                threshold=f"target restrictions {len(tgt.restrictive)} > source restrictions {src.restricting}, "
                          f"source exception words closing no negator {len(src.excepting)}")]
        return []

    def _only_excepted(self, pair: AlignedPair, src: Negation, tgt: Negation) -> list[Finding]:
        """(session 16) The source says "only" with no negator and no exception word (can only be switched,
        only used in special cases); the translation has an exception word that closes no negator and no
        way of saying "only" (يمكنك التراجع إلا إذا، تستخدم إلا في): Arabic says "only" as لا ... إلا, so the
        negator before إلا is lost (a bare إلا says "except": the opposite)."""
        if src.restrictive or src.exceptions or tgt.restricting or not tgt.excepting:
            return []
        bare = [sp for sp in tgt.excepting if not _tgt_however(pair, sp)]
        only = [seg_span(seg, m.start(), m.end()) for seg in pair.src for m in _EN_PLAIN_ONLY.finditer(seg.text)]
        if not bare or not only:
            return []
        return [self.finding(
            f"The source restricts (“{only[0].text}”) but the translation excepts without a negation "
            f"(“{bare[0].text}”): the negation of لا ... إلا may be lost.",
            severity=Severity.MAJOR, src_span=only[0], tgt_span=bare[0],
            threshold=f"source “only” {len(only)} with no exception word; target exception words closing no "
                      f"negator {len(bare)}, target restrictions 0")]


# (session 16) "only" not in "not only" / "if only" (a wish, a concession: "if only for reference") / "but only"
# (= except, whose negator may be in the sentence before)
_EN_PLAIN_ONLY = re.compile(r"(?<!\bnot\s)(?<!\bif\s)(?<!\bbut\s)\bonly\b", re.IGNORECASE)


def _tgt_however(pair: AlignedPair, sp: Span) -> bool:
    """The target's exception word at ``sp`` is إلا أن "however" (``_AR_HOWEVER``), or opens its segment
    (إلا من أتى الله: the negator it closes is in the sentence before)."""
    for seg in pair.tgt:
        if seg.block_index == sp.block_index and seg.start <= sp.start < seg.start + len(seg.text):
            text = _AR_MARKS.sub("", seg.text[sp.start - seg.start:])
            return _AR_HOWEVER.match(text) is not None or not seg.text[:sp.start - seg.start].strip()
    return False
