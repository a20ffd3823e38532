"""Find people in a roster who may already be in TrainingDesk, or twice in the file.

The same officer reaches TrainingDesk as "Mohammad Karim", "Muhammad Kareem" and
"محمد کریم". Names are compared on their match keys (`domain.names.match_key`), word by
word with rapidfuzz, so that spelling variants agree and "Karim" never passes for
"Rahim"; an ending both words share (-ullah, -zai, -khel) is left out, so Samiullah is not
taken for Aminullah. Latin and native names are compared each in its own script (the
mean of the two when both sides have both). A name in Latin letters meets one in Arabic
script only through consonant skeletons (both "Mohammad Karim" and "محمد کریم" give
"mhmd krm"), which is weaker evidence.

Scoring, as points out of 100 (the score is points / 100, clipped to 0..1):

* name          +45 when alike ... -30 when different (-> 0.8 x that across scripts)
* father's name +30 when alike ... -30 when different (either script, as for names)
* agency        +10 same, -10 different
* ID number     +50 same (normalised: Persian digits, case, spaces and hyphens ignored),
                -25 different
* date of birth +15 same, -45 different
A field missing on either side counts 0. A pair is a candidate from `threshold`
(default 0.5) up; two people with the same ID number are always listed, whatever the
rest says, because an ID belongs to one person. Examples: Mohammad Karim s/o Gul Agha
(ABP) and Muhammad Kareem s/o Gul Agha (ABP) score 0.85, and 0.70 when one of them is
written only in Arabic script; two Mohammad Karims of ABP with different fathers 0.25.

Only pairs sharing a blocking key are compared, never every pair: the ID number, two
words of the name, or a word of the name with the first word of the father's name (words
as consonant skeletons, so that both scripts meet). A key shared by so many people that
its block would exceed `_MAX_BLOCK_PAIRS` comparisons says nothing and is skipped. A pair
stops being scored as soon as it can no longer reach the threshold.
"""

import math
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, combinations
from typing import NamedTuple

from rapidfuzz.distance import Indel

from trainingdesk.domain.names import match_key, normalize_identifier
from trainingdesk.domain.records import PersonDraft

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_PER_ROW",
    "DuplicateMatch",
    "PersonIdentity",
    "find_duplicates",
    "identity_of_draft",
    "identity_of_person",
]

DEFAULT_THRESHOLD = 0.5
MAX_PER_ROW = 5
_MAX_BLOCK_PAIRS = 2000

_NAME_POINTS = (45.0, 30.0)  # (agreeing, disagreeing)
_FATHER_POINTS = (30.0, 30.0)
_AGENCY_POINTS = (10.0, 10.0)
_ID_POINTS = (50.0, 25.0)
_BIRTH_POINTS = (15.0, 45.0)
_CROSS_SCRIPT = 0.8
_AGENCY_WORDS = ("same agency", "different agencies")
_ID_WORDS = ("same ID number", "different ID numbers")
_BIRTH_WORDS = ("same date of birth", "different dates of birth")
# A word agrees fully from this similarity (Karim/Karimi is 0.91) and not at all below
# the next (Karim/Rahim is 0.6).
_WORD_FULL, _WORD_NONE = 0.9, 0.7
# Endings that make up much of a short name's letters but say nothing about who it is
# (-ullah, -zai, -khel in both scripts, as match keys spell them); longest first.
_SHARED_ENDINGS = ("الله", "زیی", "خیل", "زی", "khal", "khil", "ula", "zai")
# Name similarity at which the name stops counting for and starts counting against.
_NEUTRAL, _SPAN = 0.5, 0.4

# Consonant skeletons: Latin digraphs first, then one symbol per sound class. Vowels,
# and the letters that carry them in Arabic script (ا و ی ع), are dropped.
_LATIN_DIGRAPHS = (("kh", "x"), ("gh", "G"), ("sh", "S"), ("ch", "C"), ("zh", "Z"), ("ph", "f"))
_LATIN_SKELETON = str.maketrans(
    {"q": "k", "c": "k", "v": None, "w": None, "y": None} | {vowel: None for vowel in "aeiou"}
)
# fmt: off
_NATIVE_SKELETON = str.maketrans({
    "ب": "b", "پ": "p", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ج": "j",
    "چ": "C", "ح": "h", "ه": "h", "خ": "x", "د": "d", "ذ": "z", "ز": "z", "ض": "z",
    "ظ": "z", "ر": "r", "ژ": "Z", "ش": "S", "غ": "G", "ف": "f", "ق": "k", "ک": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n",
})
# fmt: on
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class PersonIdentity:
    """What duplicate detection compares: a person (key: id) or a roster row (key: row)."""

    key: uuid.UUID | int
    given_name: str = ""
    family_name: str = ""
    native_name: str = ""
    father_name: str = ""
    father_name_native: str = ""
    agency_id: uuid.UUID | None = None
    service_number: str = ""
    birth_date: date | None = None


@dataclass(frozen=True)
class DuplicateMatch:
    """A roster row that may be an existing person (`existing`) or another row (`other_row`)."""

    row: int
    existing: uuid.UUID | None
    other_row: int | None
    score: float
    reasons: tuple[str, ...]


def identity_of_draft(row_number: int, draft: PersonDraft) -> PersonIdentity:
    """The identity of a roster row, keyed by its row number in the file."""
    return PersonIdentity(
        row_number,
        draft.given_name,
        draft.family_name,
        draft.native_name,
        draft.father_name,
        draft.father_name_native,
        draft.agency_id,
        draft.service_number,
        draft.birth_date,
    )


def identity_of_person(
    person_id: uuid.UUID,
    *,
    given_name: str = "",
    family_name: str = "",
    native_name: str = "",
    father_name: str = "",
    father_name_native: str = "",
    agency_id: uuid.UUID | None = None,
    service_number: str = "",
    birth_date: date | None = None,
) -> PersonIdentity:
    """The identity of a stored person, from the columns the service reads."""
    return PersonIdentity(
        person_id,
        given_name,
        family_name,
        native_name,
        father_name,
        father_name_native,
        agency_id,
        service_number,
        birth_date,
    )


def find_duplicates(
    rows: Sequence[PersonIdentity],
    people: Sequence[PersonIdentity],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[DuplicateMatch]:
    """Candidate duplicates of each row among `people` and earlier rows, best first per row.

    Rows come in file order; a pair of rows is reported once, on the later row, with
    `other_row` naming the earlier one. At most `MAX_PER_ROW` candidates per row.
    """
    keys = _Keys()
    prepared_rows = [keys.prepare(identity) for identity in rows]
    prepared_people = [keys.prepare(identity) for identity in people]
    row_blocks = _blocks(prepared_rows)
    people_blocks = _blocks(prepared_people)
    against_people: set[tuple[int, int]] = set()
    within_file: set[tuple[int, int]] = set()
    for key, block in row_blocks.items():
        others = people_blocks.get(key, [])
        if len(block) * len(others) <= _MAX_BLOCK_PAIRS:
            against_people.update((row, person) for row in block for person in others)
        if len(block) * (len(block) - 1) // 2 <= _MAX_BLOCK_PAIRS:
            # Blocks list rows in file order, so each pair is (earlier, later).
            within_file.update(combinations(block, 2))
    compare = _Scorer(keys).compare
    found: dict[int, list[DuplicateMatch]] = {}
    # Pairs are scored straight from the sets: a list of a quarter of a million pairs
    # would cost as much as a tenth of the scoring itself.
    for match in chain(
        (compare(prepared_rows[r], prepared_people[p], threshold) for r, p in against_people),
        (
            compare(prepared_rows[later], prepared_rows[earlier], threshold)
            for earlier, later in within_file
        ),
    ):
        if match is not None:
            found.setdefault(match.row, []).append(match)
    matches: list[DuplicateMatch] = []
    for number in sorted(found):
        matches += sorted(found[number], key=_best_first)[:MAX_PER_ROW]
    return matches


def _best_first(match: DuplicateMatch) -> tuple[float, int, str]:
    # Ties are broken by what the match points at, so that the order never varies.
    return -match.score, match.other_row or 0, str(match.existing or "")


# ------------------------------------------------------------------------ preparing

# A name as numbers: (Latin key, native key, Latin skeleton, native skeleton), each an
# index into `_Keys.words`, 0 for none. Equal names get equal numbers, so comparisons
# can be cached by number.
_Name = tuple[int, int, int, int]


class _Prepared(NamedTuple):
    """An identity with its comparison keys, computed once."""

    identity: PersonIdentity
    name: _Name
    father: _Name
    # The agency's number rather than its UUID: comparing ints is several times faster.
    agency: int | None
    id_number: str
    birth_date: date | None
    blocks: tuple[str, ...]


class _Keys:
    """Computes and numbers keys, each once: the same names recur across thousands of people."""

    def __init__(self) -> None:
        self.words: list[tuple[str, ...]] = [()]
        self._numbers: dict[tuple[str, ...], int] = {(): 0}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._skeletons: dict[str, str] = {}
        self._names: dict[tuple[str, str, str], _Name] = {}

    def prepare(self, identity: PersonIdentity) -> _Prepared:
        """The identity with its keys and blocking keys."""
        name = self._name(identity.given_name, identity.family_name, identity.native_name)
        father = self._name("", identity.father_name, identity.father_name_native)
        blocks = self._block_keys(name, father)
        id_number = _id_number(identity.service_number)
        if id_number:
            blocks.add("#" + id_number)
        return _Prepared(
            identity,
            name,
            father,
            identity.agency_id.int if identity.agency_id is not None else None,
            id_number,
            identity.birth_date,
            tuple(blocks),
        )

    def _name(self, given: str, family: str, native: str) -> _Name:
        name = self._names.get((given, family, native))
        if name is None:
            latin = self._key(given) + self._key(family)
            words = self._key(native)
            name = self._names[given, family, native] = (
                self._number(latin),
                self._number(words),
                self._number(self._skeleton(latin)),
                self._number(self._skeleton(words)),
            )
        return name

    def _block_keys(self, name: _Name, father: _Name) -> set[str]:
        """Two words of the name, or a word of the name with the father's first word."""
        # Strings rather than tuples: a string caches its hash, a tuple does not.
        father_first = {self.words[i][0] for i in father[2:] if i}
        blocks: set[str] = set()
        for words in (self.words[i] for i in name[2:]):
            distinct = sorted(set(words))
            blocks.update(f"{a} {b}" for a, b in combinations(distinct, 2))
            blocks.update(f"{word}/{first}" for word in distinct for first in father_first)
            if len(distinct) == 1 and not father_first:
                blocks.add(distinct[0])
        return blocks

    def _number(self, words: tuple[str, ...]) -> int:
        number = self._numbers.get(words)
        if number is None:
            number = self._numbers[words] = len(self.words)
            self.words.append(words)
        return number

    def _key(self, name: str) -> tuple[str, ...]:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = tuple(match_key(name).split())
        return key

    def _skeleton(self, words: tuple[str, ...]) -> tuple[str, ...]:
        skeletons = []
        for word in words:
            skeleton = self._skeletons.get(word)
            if skeleton is None:
                skeleton = self._skeletons[word] = _skeleton(word)
            if skeleton:
                skeletons.append(skeleton)
        return tuple(skeletons)


def _id_number(text: str) -> str:
    """The ID number as compared, "" for none: "0", "000" and "N/A" mean no number."""
    if not text:
        return ""
    number = normalize_identifier(text)
    return number if any(ch.isdigit() and ch != "0" for ch in number) else ""


def _skeleton(word: str) -> str:
    """The consonants of one match-key word, in a symbol set both scripts share."""
    if _ARABIC_LETTER.search(word):
        # A final ه is mostly a vowel (فاطمه, Fatima); a final ی is always one.
        text = word.rstrip("هی").translate(_NATIVE_SKELETON)
        text = "".join(ch for ch in text if ch.isascii())
    else:
        text = word.removesuffix("h")
        for digraph, symbol in _LATIN_DIGRAPHS:
            text = text.replace(digraph, symbol)
        text = text.translate(_LATIN_SKELETON)
    return _DOUBLED.sub(r"\1", text)


def _blocks(prepared: Sequence[_Prepared]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = {}
    for index, item in enumerate(prepared):
        for key in item.blocks:
            blocks.setdefault(key, []).append(index)
    return blocks


# ------------------------------------------------------------------------ comparing


class _Scorer:
    """Scores pairs, remembering how two names compared: most pairs repeat a known pair."""

    def __init__(self, keys: _Keys) -> None:
        self._words = keys.words
        self._agreements: dict[tuple[_Name, _Name], tuple[float, bool] | None] = {}
        self._similarities: dict[tuple[int, int], float] = {}
        self._word_scores: dict[tuple[str, str], float] = {}

    def compare(self, row: _Prepared, other: _Prepared, threshold: float) -> DuplicateMatch | None:
        """The match between a row and a person or an earlier row, if it is a candidate."""
        # Written out rather than looped over fields: this runs for every candidate pair.
        # The cheap facts first; the names are compared only while the pair can still
        # reach the threshold, which spares most comparisons and never changes a result.
        agency = _same(row.agency, other.agency)
        same_id = _same(row.id_number or None, other.id_number or None)
        birth = _same(row.birth_date, other.birth_date)
        points = 0.0
        for same, weights in (
            (agency, _AGENCY_POINTS),
            (same_id, _ID_POINTS),
            (birth, _BIRTH_POINTS),
        ):
            if same is not None:
                points += weights[0] if same else -weights[1]
        # Half a point of slack: the score is rounded to two decimals.
        needed = threshold * 100 - 0.5 if not same_id else -math.inf
        if points + _NAME_POINTS[0] + _FATHER_POINTS[0] < needed:
            return None
        father = self._agreement(row.father, other.father)
        if father is not None:
            points += _points(*father, _FATHER_POINTS)
        if points + _NAME_POINTS[0] < needed:
            return None
        name = self._agreement(row.name, other.name)
        if name is not None:
            points += _points(*name, _NAME_POINTS)
        score = round(min(max(points, 0.0), 100.0) / 100, 2)
        if score < threshold and not same_id:
            return None
        reasons = [
            _describe(field, *compared)
            for field, compared in (("name", name), ("father's name", father))
            if compared is not None
        ]
        reasons += [
            said[0] if same else said[1]
            for same, said in ((agency, _AGENCY_WORDS), (same_id, _ID_WORDS), (birth, _BIRTH_WORDS))
            if same is not None
        ]
        key = other.identity.key
        existing = key if isinstance(key, uuid.UUID) else None
        other_row = key if isinstance(key, int) else None
        return DuplicateMatch(_row_number(row), existing, other_row, score, tuple(reasons))

    def _agreement(self, a: _Name, b: _Name) -> tuple[float, bool] | None:
        """-1 (different) .. +1 (same), and whether across scripts; None if not comparable."""
        pair = (a, b)
        if pair not in self._agreements:
            self._agreements[pair] = self._compute_agreement(a, b)
        return self._agreements[pair]

    def _compute_agreement(self, a: _Name, b: _Name) -> tuple[float, bool] | None:
        same_script = [self._similarity(x, y) for x, y in ((a[0], b[0]), (a[1], b[1])) if x and y]
        if same_script:
            return _agreement(sum(same_script) / len(same_script)), False
        cross = [self._similarity(x, y) for x, y in ((a[2], b[3]), (a[3], b[2])) if x and y]
        if cross:
            return _agreement(max(cross)), True
        return None

    def _similarity(self, x: int, y: int) -> float:
        """How far the words of two names agree, 0..1, in any order.

        Each word of the shorter name is paired with its most similar unused word of the
        longer; a pair counts fully from `_WORD_FULL` and not at all below `_WORD_NONE`.
        Words the longer name has in excess cost a little: a roster often leaves out the
        family name, but one common word alone ("Mohammad") proves little.
        """
        pair = (x, y) if x <= y else (y, x)
        similarity = self._similarities.get(pair)
        if similarity is not None:
            return similarity
        short, long = sorted((self._words[x], self._words[y]), key=len)
        unused = list(long)
        total = 0.0
        for word in short:
            if word in unused:
                # The usual case inside a block: the very same word.
                unused.remove(word)
                total += 1.0
                continue
            scores = [self._word_score(word, candidate) for candidate in unused]
            if scores:
                best = max(scores)
                del unused[scores.index(best)]
                total += best
        similarity = total / len(short) * (0.7 + 0.3 * len(short) / len(long))
        self._similarities[pair] = similarity
        return similarity

    def _word_score(self, a: str, b: str) -> float:
        pair = (a, b)
        score = self._word_scores.get(pair)
        if score is None:
            ratio = Indel.normalized_similarity(*_stems(a, b))
            score = min(max((ratio - _WORD_NONE) / (_WORD_FULL - _WORD_NONE), 0.0), 1.0)
            self._word_scores[pair] = score
        return score


def _stems(a: str, b: str) -> tuple[str, str]:
    """Two words without the name ending they share, so Samiullah is not like Aminullah."""
    for suffix in _SHARED_ENDINGS:
        if a.endswith(suffix) and b.endswith(suffix):
            cut = len(suffix)
            if min(len(a), len(b)) - cut >= 2:
                return a[:-cut], b[:-cut]
    return a, b


def _row_number(row: _Prepared) -> int:
    key = row.identity.key
    if not isinstance(key, int):
        raise TypeError(f"A roster row is keyed by its row number, not {key!r}.")
    return key


def _same(a: object, b: object) -> bool | None:
    """Whether two known values are equal; None when either is unknown."""
    return None if a is None or b is None else a == b


def _points(agreement: float, cross: bool, weights: tuple[float, float]) -> float:
    if cross:
        agreement *= _CROSS_SCRIPT
    return agreement * (weights[0] if agreement >= 0 else weights[1])


def _describe(field: str, agreement: float, cross: bool) -> str:
    across = " (Latin letters and Arabic script)" if cross else ""
    if agreement >= 1:
        return f"same {field}{across}"
    if agreement > 0:
        return f"similar {field}{across}"
    if agreement == 0:
        return f"{field} partly alike{across}"
    return f"different {field}{across}"


def _agreement(similarity: float) -> float:
    return min(max((similarity - _NEUTRAL) / _SPAN, -1.0), 1.0)
