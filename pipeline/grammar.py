"""Sentences as a native speaker writes them: the administration's name with its article, counts
agreeing with their nouns (CLDR plural rules through Babel), numbers in the language's convention,
and French spacing before high punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.numbers import format_decimal

from pipeline.text import fold

# The article of a name after "of" (de/de/de): the contracted forms.
_OF = {
    "es": {"el": "del {name}", "la": "de la {name}", "los": "de los {name}", "las": "de las {name}",
           "": "de {name}"},
    "fr": {"le": "du {name}", "la": "de la {name}", "l'": "de l'{name}", "les": "des {name}",
           "": "de {name}"},
    "pt": {"o": "do {name}", "a": "da {name}", "os": "dos {name}", "as": "das {name}", "": "de {name}"},
    "en": {"the": "of the {name}", "": "of {name}"},
}  # fmt: skip
ARTICLES = {language: tuple(forms) for language, forms in _OF.items()}
# First words whose gender (and number) fix the article, where the ending alone does not.
_MASCULINE = {
    "es": {
        "servicio",
        "ministerio",
        "departamento",
        "instituto",
        "consejo",
        "centro",
        "organismo",
        "sistema",
    },
    "fr": {"service", "ministere", "departement", "bureau", "centre", "conseil", "secretariat"},
    "pt": {"servico", "ministerio", "departamento", "instituto", "conselho", "centro", "orgao", "sistema"},
}
_VOWEL = re.compile(r"^[aeiouhàâäéèêëîïôöùûüœæ]", re.I)
_ARTICLE_GIVEN = re.compile(r"^(el|la|los|las|le|les|l'|l’|o|a|os|as|the)\s*(?<=['’\s])", re.I)


def infer_article(name: str, language: str) -> str:
    """The article a name takes ('Servicio Nacional de Aduanas' → 'el', 'Direction générale des
    douanes' → 'la', 'Administration des douanes' → "l'", 'Receita Federal' → 'a')."""
    words = name.split()
    if not words:
        return ""
    first = fold(words[0])
    plural = first.endswith("s") and len(first) > 4 and not first.endswith(("is", "us", "ss"))
    if language == "en":
        return "the"
    if language == "fr":
        if _VOWEL.match(words[0]):
            return "les" if plural else "l'"
        masculine = first in _MASCULINE["fr"] or first.rstrip("s") in _MASCULINE["fr"]
        return "les" if plural else "le" if masculine else "la"
    if language in ("es", "pt"):
        stem = first[:-1] if plural else first
        masculine = stem in _MASCULINE[language] or (
            not stem.endswith(("a", "cion", "dad", "cao", "dade", "ion")) and stem.endswith("o")
        )
        if language == "es":
            return ("los" if masculine else "las") if plural else ("el" if masculine else "la")
        return ("os" if masculine else "as") if plural else ("o" if masculine else "a")
    return ""


def of_name(name: str, language: str, article: str | None = None) -> str:
    """'of the …', 'del …', 'de la …', "de l'…", 'du …', 'do …': the name after "of", with its article
    (given, written at the name's start, or inferred)."""
    forms = _OF.get(language, _OF["en"])
    given = _ARTICLE_GIVEN.match(name)  # 'El Servicio …', "L'Administration …", 'The Revenue …'
    if given is not None and (word := given.group(1).lower().replace("’", "'")) in forms:
        article, name = (
            word,
            name[given.end() :],
        )  # only the language's own articles: 'La Paz' stays whole in English
    if article is None:
        article = infer_article(name, language)
    return forms.get(article, forms[""]).format(name=name)


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
