"""Match keys for person names and identifiers.

Everything here produces keys FOR MATCHING ONLY (search-as-you-type and duplicate
detection). A key is deliberately lossy and must never be shown to a user or stored in
place of the name; store :func:`display_name` for that.

Two families of rules:

* Arabic script (Pashto, Dari, Urdu): Unicode clean-up plus folding of letter variants
  that the three orthographies and their keyboards spell differently.
* Latin transliterations: accent and punctuation clean-up, a handful of general spelling
  rules (listed above :func:`normalize_latin`) and a small table for the leftovers.

Every public normaliser is idempotent: feeding a key back in returns the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "display_name",
    "fold_digits",
    "in_arabic_block",
    "is_arabic_script",
    "match_key",
    "normalize_identifier",
    "normalize_latin",
    "normalize_native",
    "search_tokens",
]

# --------------------------------------------------------------------------- digits

_DIGITS = str.maketrans(
    {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
)

# --------------------------------------------------------------------------- script

# Arabic, Supplement, Extended-B/A, Presentation Forms A/B, Mathematical Alphabetic Symbols.
_ARABIC_BLOCKS = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x1EE00, 0x1EEFF),
)

# Invisible characters that copy-paste from web pages and Word leave around names.
_BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_EDGE_JUNK = re.compile(f"^[\\s\u200b\ufeff{_BIDI_MARKS}]+|[\\s\u200b\ufeff{_BIDI_MARKS}]+$")

# --------------------------------------------------------------------------- native

_YEH = "ی"
_NATIVE_LETTERS = str.maketrans(
    {
        # Yeh family: Arabic, Persian and Urdu keyboards each emit a different code point,
        # and Pashto ې/ۍ are routinely typed as plain ی on Dari keyboards.
        **dict.fromkeys("يىیےۍېئۓێ", _YEH),
        **dict.fromkeys("كکڪ", "ک"),
        "ګ": "گ",
        # Heh family, including Urdu do-chashmi (aspiration marker) and teh marbuta, which
        # Dari writes as final ه in the same names.
        **dict.fromkeys("هەہھۀةۂۃ", "ه"),
        **dict.fromkeys("أإآٱٲٳ", "ا"),
        "ؤ": "و",
        # Pashto-specific letters. Names are very often entered on Dari (Persian) keyboards
        # that lack them, so the same person appears as ټولي / تولي. A match key must put
        # both spellings together; the cost (two genuinely different names colliding) is
        # small because these pairs rarely distinguish otherwise identical names.
        "ټ": "ت",
        "ډ": "د",
        "ړ": "ر",
        "ښ": "ش",
        "ږ": "ژ",
        "ځ": "ز",
        "څ": "چ",
        "ڼ": "ن",
        # Urdu retroflexes and noon ghunna: same keyboard argument (خاں / خان is one Khan).
        "ٹ": "ت",
        "ڈ": "د",
        "ڑ": "ر",
        "ں": "ن",
    }
)

# Tatweel, standalone hamza, high hamza and the Quranic annotation block carry no identity.
_NATIVE_DROP = re.compile("[\u0640\u0621\u0674\u06d6-\u06ed]")
# Words that are spelled both fused and split (عبدالرحمن / عبد الرحمن).
_NATIVE_PREFIXES = frozenset({"عبد", "ابو"})
_ARTICLE = "ال"

# --------------------------------------------------------------------------- latin

# Includes the scholarly ayn/hamza signs (ʿAbd, Muʾmin), which are letters to Unicode.
_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘ʼʻʹ′`´ʿʾ", None))
# Letters that NFKD leaves alone but that belong to an ASCII spelling of the same name.
_LATIN_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)

_C = "(?:kh|sh|gh|ch|zh|th|dh|[b-df-hj-np-tv-z])"
# Arabic active participles (fa'il: Zahir, Nasir, Hamid, Khalid, Saleh) are written with
# "e" in the Persian tradition (Zaher, Naser, Hamed, Khaled). Only this exact
# two-syllable shape is rewritten, so Ahmed or Mohammed keep their "a".
_FAIL = re.compile(f"^({_C}?)a({_C})e({_C})$")
# Persian transliteration writes a word-initial kasra as "e": Ebrahim, Esmat, Ehsan.
_INITIAL_E = re.compile(r"^e(?=[b-df-hj-np-tv-z].)")
_DOUBLE = re.compile(r"([a-z])\1+")
# An a/e cluster reads as one "a" once e is folded; doing it early keeps prefixes visible.
_AE_RUN = re.compile(r"e*a[ae]*")
_AY = re.compile(r"ay(?![aiu])")
_FINAL_Y = re.compile(r"(?<=[b-df-hj-np-tv-xz])y$")

# "abd" + optional linking vowel/l: abdul, abdal, abdel, abdur(-rahman), abdus(-salam)...
# The leading [ae] keeps the rule stable after "e" has been folded to "a".
_ABD = re.compile(r"[ae]bd(?:[aeiu]?l|[aeiu])?")
# The same prefix typed as a word of its own, with a sun-letter assimilation (Abdur Rahman).
_ABD_WORD = re.compile(r"[ae]bd(?:[aeu](?:sh|[lrsdztn])?)?")
_ALLAH_REST = re.compile(r"(?:[ae]l)?[ae]h?")
_ULLAH = re.compile(r"(.+)ul[ae]h?")

# Whole-word leftovers that no general rule reaches, keyed by their folded form.
_LATIN_TABLE = {
    "md": "muhamad",
    "mhd": "muhamad",
    "muhd": "muhamad",
    "yusaf": "yusuf",
    "yusif": "yusuf",
    "syad": "sayid",
    "sayad": "sayid",
}
_LATIN_PRE_TABLE = {"sher": "shir"}

_CONNECTORS = frozenset({"ul", "ud", "ur", "us", "uz", "ush"})
_ARTICLES = frozenset({"al", "ad", "ar", "as", "az", "ash"})
_PREFIXES = frozenset({"abdul", "abu"})
_SUFFIX = re.compile(r"ulah?|ul?din")


# =========================================================================== public API


def fold_digits(text: str) -> str:
    """Replace Persian and Arabic-Indic digits with ASCII digits."""
    return text.translate(_DIGITS)


def is_arabic_script(text: str) -> bool:
    """Return True if ``text`` contains at least one Arabic-script letter."""
    return any(_is_arabic_letter(ch) for ch in text)


def display_name(text: str) -> str:
    """Tidy a typed name for storage: NFC, trimmed, single spaces, ZWNJ kept."""
    text = unicodedata.normalize("NFC", text)
    # Only the ends are trimmed: interior bidi marks may be deliberate in mixed-script text.
    text = _EDGE_JUNK.sub("", text)
    # str.split() ignores ZWNJ (it is not whitespace), which Persian spelling needs.
    return " ".join(text.split())


def normalize_identifier(text: str) -> str:
    """Key for service numbers, ID and phone numbers: ASCII digits, no separators, upper."""
    text = fold_digits(unicodedata.normalize("NFKC", text))
    kept = (ch for ch in text if not _is_identifier_separator(ch))
    # NFKC again because upper() can produce decomposed sequences (e.g. Greek with tonos).
    return unicodedata.normalize("NFKC", "".join(kept).upper())


def normalize_native(text: str) -> str:
    """Match key for an Arabic-script (Pashto/Dari/Urdu) name."""
    # NFKC first: presentation forms and the lam-alef ligature become base letters, and
    # letter+hamza sequences compose so the variant table below sees a single code point.
    text = unicodedata.normalize("NFKC", text)
    text = _NATIVE_DROP.sub("", text)
    chars: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "M" or cat == "Cf":
            # Harakat, superscript alef, ZWNJ/ZWJ and bidi marks: spelling noise for a key.
            continue
        chars.append(ch if cat[0] in "LN" else " ")
    text = fold_digits("".join(chars).translate(_NATIVE_LETTERS))
    return " ".join(_join_native(text.split()))


# Latin rules, in order. Clean-up: NFKD with combining marks dropped, casefold, apostrophes
# dropped (Abd'al), hyphens, dots and other punctuation become spaces (Mohd.Ali is two
# words). Gluing, so split and fused spellings agree: abd/abdul/abdur/abdal/abdel/abdu and
# abu join the next word (an al/ur right after them is dropped, "abdul" already holds it);
# articles al/ar/as... join the next word; ul/ud/ur... and ullah/uddin join the previous
# word (Zia ul Haq, Hamid Ullah). Per word: v->w, o->u (Gol, Noor, Omar), ee->i, a/e runs
# and doubled letters single (Muhammad, Rahmaan); the abd- prefix becomes "abdul" and a
# -ullah ending "ula"; on what is left, initial e+consonant->i (Ebrahim), fa'il CaCeC->CaCiC
# (Zaher, Hamed), other e->a (Ahmed, Rehman, Mehmood, Kerim), ay->ai (Husayn, Hussein),
# final consonant+y->i (Aly), then a small table (Mohd, Md, Yusef, Syed). Consonants are
# never merged, which is what keeps Nasir/Nazir, Karim/Kamal and Ahmad/Hamid apart.
def normalize_latin(text: str) -> str:
    """Match key for a Latin transliteration of an Afghan/Pakistani name."""
    tokens = _clean_latin(text).split()
    while True:
        # Gluing can create a new linking word (rare), so repeat until nothing changes;
        # each round that glues shortens the list, so this terminates.
        glued = _join_latin(tokens)
        if len(glued) == len(tokens):
            break
        tokens = glued
    return " ".join(_latin_word_key(tok) for tok in tokens)


@lru_cache(maxsize=65_536)
def match_key(text: str) -> str:
    """Script-aware match key for a whole name, suitable for equality and substring search.

    Remembered: a roster of ten thousand officers repeats a few hundred names.
    """
    pieces = [
        (arabic, piece)
        for arabic, piece in _script_pieces(unicodedata.normalize("NFKC", text))
        # Drop pieces that normalise to nothing first, so neighbours of the same script are
        # grouped exactly as they will be when the key is normalised again.
        if _normalize_piece(arabic, piece)
    ]
    keys: list[str] = []
    start = 0
    for i in range(1, len(pieces) + 1):
        if i == len(pieces) or pieces[i][0] != pieces[start][0]:
            group = " ".join(piece for _, piece in pieces[start:i])
            keys.append(_normalize_piece(pieces[start][0], group))
            start = i
    return " ".join(keys)


def search_tokens(text: str) -> tuple[str, ...]:
    """Tokens of :func:`match_key`, for "every token is contained" search."""
    return tuple(match_key(text).split())


# =========================================================================== helpers


def in_arabic_block(ch: str) -> bool:
    """True for any character of the Arabic Unicode blocks: letters, digits, signs."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _ARABIC_BLOCKS)


def _is_arabic_letter(ch: str) -> bool:
    return in_arabic_block(ch) and unicodedata.category(ch)[0] == "L"


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _is_identifier_separator(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return ch.isspace() or cat in {"Pd", "Cf"} or ch in "/\\._()\u2212"


def _script_pieces(text: str) -> list[tuple[bool, str]]:
    """Split words at Arabic/non-Arabic letter boundaries; neutral characters stay attached."""
    pieces: list[tuple[bool, str]] = []
    for word in text.split():
        current: list[str] = []
        arabic: bool | None = None
        for ch in word:
            is_letter = ch.isalpha()
            ch_arabic = _is_arabic_letter(ch)
            if is_letter and arabic is not None and ch_arabic != arabic:
                pieces.append((arabic, "".join(current)))
                current = []
            if is_letter:
                arabic = ch_arabic
            current.append(ch)
        pieces.append((bool(arabic), "".join(current)))
    return pieces


def _normalize_piece(arabic: bool, text: str) -> str:
    return normalize_native(text) if arabic else normalize_latin(text)


def _join_native(words: list[str]) -> list[str]:
    # Mirrors the Latin rule: عبد/ابو join the next word, an "ال" word joins the previous
    # one, because ZWNJ, space and no space are all common in the same name.
    out: list[str] = []
    glue_next = False
    for word in words:
        wordlike = _has_letter(word)
        is_article_word = len(word) >= 4 and word.startswith(_ARTICLE)
        if out and wordlike and _has_letter(out[-1]) and (glue_next or is_article_word):
            out[-1] += word
        else:
            out.append(word)
        glue_next = wordlike and out[-1] in _NATIVE_PREFIXES
    return out


def _clean_latin(text: str) -> str:
    text = unicodedata.normalize("NFKD", fold_digits(text)).casefold()
    text = unicodedata.normalize("NFKD", text).translate(_APOSTROPHES).translate(_LATIN_LETTERS)
    chars: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "M" or cat == "Cf":
            continue
        chars.append(ch if ch.isalnum() else " ")
    return "".join(chars)


def _latin_role(token: str) -> str:
    key = _latin_word_key(token)
    if key in _CONNECTORS:
        return "connector"
    if key in _ARTICLES:
        return "article"
    if key in _PREFIXES:
        return "prefix"
    if _SUFFIX.fullmatch(key):
        return "suffix"
    return ""


def _join_latin(tokens: list[str]) -> list[str]:
    out: list[str] = []
    glue_next = False
    for raw in tokens:
        role = _latin_role(raw)
        # Glue the canonical form (abdur -> abdul, el -> al) so the rest of the word never
        # depends on how the linking word happened to be spelled.
        word = _latin_word_key(raw) if role else raw
        wordlike = _has_letter(word)
        can_glue = bool(out) and wordlike and _has_letter(out[-1])
        if can_glue and role in {"article", "connector"} and _latin_role(out[-1]) == "prefix":
            # "abd al", "abd ur": the canonical "abdul" already contains the article.
            continue
        if can_glue and (glue_next or role in {"connector", "suffix"}):
            out[-1] += word
        else:
            out.append(word)
        glue_next = wordlike and (
            role in {"connector", "article"}
            or _latin_role(out[-1]) in {"connector", "article", "prefix"}
        )
    return out


def _light_fold(word: str) -> str:
    # Spelling noise that never separates two names: v/w (Dari vs Pashto و), o/u, ee/i
    # and doubled letters (gemination is rarely transliterated consistently).
    word = word.replace("v", "w").replace("o", "u").replace("ee", "i")
    return _DOUBLE.sub(r"\1", _AE_RUN.sub("a", word))


@lru_cache(maxsize=32_768)
def _latin_word_key(token: str) -> str:
    # Cached: the same few hundred name words make up nearly every roster.
    word = _light_fold(token)
    if _ABD_WORD.fullmatch(word):
        return "abdul"
    prefix = _ABD.match(word)
    rest = word[prefix.end() :] if prefix else ""
    if not rest:
        return _fold_with_suffix(word)
    if _ALLAH_REST.fullmatch(rest):
        # Abdullah / Abdulla / Abdallah / Abdollah: the "rest" is what is left of Allah.
        return "abdula"
    return "abdul" + _fold_with_suffix(rest)


def _fold_with_suffix(word: str) -> str:
    ullah = _ULLAH.fullmatch(word)
    if ullah is None:
        return _fold_stem(word)
    # Fold the stem alone so whole-word rules (fa'il, table) still see Hamed in Hamedullah.
    return _fold_stem(ullah.group(1)) + "ula"


def _fold_stem(word: str) -> str:
    word = _LATIN_PRE_TABLE.get(word, word)
    word = _INITIAL_E.sub("i", word)
    word = _FAIL.sub(r"\1a\2i\3", word)
    # "e" is the vowel transliterators disagree on most; after the two rules above it
    # almost always stands for the short "a" (Ahmed, Rehman, Mehmood, Kerim).
    word = _DOUBLE.sub(r"\1", word.replace("e", "a"))
    word = _FINAL_Y.sub("i", _AY.sub("ai", word))
    return _LATIN_TABLE.get(word, word)
