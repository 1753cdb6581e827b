"""Text helpers shared by the readers and the checks: folding for matching, cleaning for Word."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+")  # letters and digits of any script are kept: 'Цель 1', '目标一'
_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "Œ": "OE", "Æ": "AE", "Ø": "O", "Đ": "D", "Ł": "L"}
)
# Characters an XML 1.0 document (and so Word) cannot hold, as the inside of a regex class.
NOT_XML_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
_NOT_XML = re.compile(f"[{NOT_XML_CHARS}]")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# The combining diacritical marks of Latin, Greek and Cyrillic letters, removed in one pass; any other
# non-ASCII text left after it goes through the general (slower) per-character test.
_MARKS = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]")


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used to compare labels and items, in any script.

    >>> fold("  Área   clave: "), fold("Mise en œuvre"), fold("Στόχος 1"), fold("Цель один"), fold("目标一")
    ('area clave', 'mise en oeuvre', 'στοχοσ 1', 'цель один', '目标一')
    """
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LIGATURES)
    return _NON_WORD.sub(" ", text.replace("&", " and ").casefold()).strip()


def key_of(text: str) -> str:
    """A comparison key that never makes two different texts one: the folded text, or where folding
    leaves nothing ('★★★', '—'), the text itself.

    >>> key_of("Objetivo 1"), key_of("★★★"), key_of("☆☆☆")
    ('objetivo 1', '★★★', '☆☆☆')
    """
    return fold(text) or text.strip()


def decode_ooxml_escapes(text: str) -> str:
    """Decode Excel's `_xHHHH_` escapes (used for control characters) that a reader left."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def word_safe(text: str) -> tuple[str, list[str]]:
    """Return text Word can hold, and the characters that had to be removed (as `U+XXXX`)."""
    if _NOT_XML.search(text) is None:
        return text, []
    removed = [f"U+{ord(ch):04X}" for ch in _NOT_XML.findall(text)]
    if not removed:
        return text, []
    return _NOT_XML.sub("", text), removed


def tidy(text: str) -> str:
    """Collapse runs of spaces and strip; keep line breaks a participant typed."""
    if "\n" not in text and "\r" not in text:
        return " ".join(text.split())
    lines = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if line).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def first_control(value: object, path: str = "") -> tuple[str, str] | None:
    """(dotted path, character as U+XXXX) of the first string in a parsed TOML/JSON value holding a
    control character or a lone surrogate (tabs and line breaks are text), or None."""
    if isinstance(value, str):
        if (m := _CONTROL.search(value)) is not None:
            return path, f"U+{ord(m.group()):04X}"
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if (found := first_control(item, f"{path}.{key}" if path else str(key))) is not None:
            return found
    return None


@lru_cache(maxsize=1 << 16)  # a plan's words repeat: 37,000 calls, 4,700 words in a 5,000-initiative build
def stem(word: str) -> str:
    """A word reduced the same way on both sides of a comparison: plural endings of en/es/fr/pt off.

    >>> [stem(w) for w in ("indicadores", "responsables", "priorities", "objectifs", "weaknesses")]
    ['indicador', 'responsabl', 'priority', 'objectif', 'weakness']
    >>> [stem(w) for w in ("faiblesse", "faiblesses", "weakness", "weaknesses")]
    ['faibless', 'faibless', 'weakness', 'weakness']
    >>> [stem(w) for w in ("recomendacoes", "recomendacao", "acoes", "responsaveis", "responsavel")]
    ['recomendaca', 'recomendaca', 'aca', 'responsavel', 'responsavel']
    """
    if len(word) > 4 and word.endswith(("oes", "aes")):  # Portuguese 'ações' / 'ação', folded
        return word[:-3] + "a"
    if len(word) > 4 and word.endswith("ao"):
        return word[:-2] + "a"
    if len(word) > 5 and word.endswith("eis"):  # 'responsáveis' / 'responsável'
        return word[:-3] + "el"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):  # 'weaknesses', 'processes', 'faiblesses'
        return word[:-2]
    if len(word) > 4 and word.endswith("sse"):  # 'faiblesse', 'adresse': as their plurals stem
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e") and word[-2] in "rlnd":  # 'indicadore(s)', 'responsable'
        word = word[:-1]
    return word


MAX_ALIKE_BUCKET = 60  # a word more texts share than this says nothing about which are alike


def content_words(text: str) -> frozenset[str]:
    """A text's words that carry its meaning, reduced as headers are ('procedimientos' → 'procedimiento')."""
    return frozenset(stem(w) for w in fold(text).split() if len(w) >= 4)


def alike(texts: list[str]) -> list[list[int]]:
    """Groups (of two or more indexes, in order) of texts not identical once folded but alike: the
    meaning words of one all within the other's ('Compromiso', 'Compromiso con el país'), or four in
    five shared. Each text is compared only with texts sharing one of its words, so a long list
    stays near linear.

    >>> alike(["Compromiso", "Integridad", "Compromiso con el país", "Integrity"])
    [[0, 2]]
    """
    words = [content_words(t) for t in texts]
    keys = [fold(t) for t in texts]
    buckets: dict[str, list[int]] = {}
    for n, ws in enumerate(words):
        for w in ws:
            buckets.setdefault(w, []).append(n)
    parent = list(range(len(texts)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for members in buckets.values():
        if len(members) > MAX_ALIKE_BUCKET:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if keys[a] == keys[b] or root(a) == root(b):
                    continue
                shared, fewer = len(words[a] & words[b]), min(len(words[a]), len(words[b]))
                if shared == fewer or (shared >= 2 and shared >= 0.8 * fewer):
                    parent[root(b)] = root(a)
    groups: dict[int, list[int]] = {}
    for n in range(len(texts)):
        groups.setdefault(root(n), []).append(n)
    return [g for g in groups.values() if len({keys[n] for n in g}) > 1]
