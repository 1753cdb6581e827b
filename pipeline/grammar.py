"""Sentences as a native speaker writes them: the administration's name with its article, counts
agreeing with their nouns (CLDR plural rules through Babel), numbers in the language's convention,
and French spacing before high punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from pipeline.text import fold
from pipeline.vocab import vocabulary


def _grammar(language: str) -> dict[str, Any]:
    """The [grammar] table of the language's vocabulary (English's for a language without one)."""
    tables = vocabulary().grammar
    return tables.get(language, tables["en"])


def articles(language: str) -> tuple[str, ...]:
    """The articles an administration's name may take in the language ('' for none); none for a
    language plan-draft does not write."""
    table = vocabulary().grammar.get(language)
    return tuple(table["of"]) if table else ()


@cache
def _article_given() -> re.Pattern[str]:
    """An article written at a name's start, in any language ('El Servicio …', "L'Administration …")."""
    words = {w for table in vocabulary().grammar.values() for w in table["of"] if w}
    words |= {w.replace("'", "’") for w in words}
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile(rf"^({'|'.join(re.escape(w) for w in ordered)})\s*(?<=['’\s])", re.I)


def infer_article(name: str, language: str) -> str:
    """The article a name takes ('Servicio Nacional de Aduanas' → 'el', 'Direction générale des
    douanes' → 'la', 'Administration des douanes' → "l'", 'Receita Federal' → 'a'): elided before
    the letters the language elides before, else by the gender its first word has (a listed word,
    or its ending) and its number."""
    words = name.split()
    if not words or language not in vocabulary().grammar:
        return ""
    grammar = _grammar(language)
    forms = grammar["articles"]
    first = fold(words[0])
    plural = first.endswith("s") and len(first) > 4 and not first.endswith(("is", "us", "ss"))
    if grammar["elide_before"] and words[0][0].lower() in grammar["elide_before"]:
        return str(forms["elided_plural" if plural else "elided"])
    stem = first[:-1] if plural else first
    listed = set(grammar["masculine"])
    masculine = first in listed or stem in listed or first.rstrip("s") in listed
    ending = stem.endswith(tuple(grammar["masculine_endings"]))
    masculine = masculine or (ending and not stem.endswith(tuple(grammar["feminine_endings"])))
    gender = "masculine" if masculine else "feminine"
    return str(forms[f"{gender}_plural" if plural else gender])


def of_name(name: str, language: str, article: str | None = None) -> str:
    """'of the …', 'del …', 'de la …', "de l'…", 'du …', 'do …': the name after "of", with its article
    (given, written at the name's start, or inferred)."""
    forms = _grammar(language)["of"]
    given = _article_given().match(name)  # 'El Servicio …', "L'Administration …", 'The Revenue …'
    if given is not None and (word := given.group(1).lower().replace("’", "'")) in forms:
        article, name = word, name[given.end() :]  # only the language's own: 'La Paz' stays whole in English
    if article is None:
        article = infer_article(name, language)
    return str(forms.get(article, forms[""]).format(name=name))


# The CLDR locale of each language, matching the draft's proofing language (Portuguese: European
# norm, which Lusophone Africa and Timor-Leste follow, and where 0 takes the plural: '0 erros').
_LOCALES = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR", "pt": "pt_PT"}


@cache
def locale_of(language: str) -> Locale:
    """The Babel locale of a draft language ('en' is written as in Britain: '23 March 2012')."""
    return Locale.parse(_LOCALES.get(language, language))


def number(n: int | float, language: str) -> str:
    """A number as the language writes it in prose: 1,234 · 1.234 · 1 234 (never for codes or cells)."""
    return format_decimal(n, locale=locale_of(language))


def plural_category(n: int, language: str) -> str:
    """The CLDR plural category of n in the language: 'one', 'other', 'many' …"""
    return str(locale_of(language).plural_form(n))


def count(n: int, forms: Mapping[str, str], language: str) -> str:
    """'1 source file', '2 source files', '0 fichier source': the form of the language's plural rule
    for n (CLDR: 'one', 'other', 'many' …), `{n}` replaced by the number in the language's convention."""
    category = locale_of(language).plural_form(n)
    template = forms.get(category) or forms["other"]
    return template.format(n=number(n, language))


NNBSP, NBSP = "\u202f", "\u00a0"
_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]?([;?!])")
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]?:(?=\s|$)")


def french_spacing(text: str) -> str:
    """French typography in a fixed text of the draft: a narrow no-break space before ; ? ! a no-break
    space before : and inside « »; (templates only: never applied to captured values or codes)."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), text)
    return text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
