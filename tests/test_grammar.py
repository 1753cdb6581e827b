"""Generated sentences as a native speaker writes them: articles and contractions, plural agreement,
numbers in the language's convention, French spacing (expected strings written by hand)."""

from __future__ import annotations

import pytest

from pipeline.grammar import count, french_spacing, of_name
from pipeline.messages import Say
from pipeline.vocab import vocabulary


@pytest.mark.parametrize(("name", "language", "expected"), [
    ("Servicio Nacional de Aduanas", "es", "del Servicio Nacional de Aduanas"),
    ("Superintendencia Nacional de Aduanas", "es", "de la Superintendencia Nacional de Aduanas"),
    ("Aduana Nacional", "es", "de la Aduana Nacional"),
    ("Dirección Nacional de Aduanas", "es", "de la Dirección Nacional de Aduanas"),
    ("El Servicio de Aduanas", "es", "del Servicio de Aduanas"),
    ("Direction générale des douanes", "fr", "de la Direction générale des douanes"),
    ("Service des douanes", "fr", "du Service des douanes"),
    ("Administration des douanes", "fr", "de l'Administration des douanes"),
    ("Office des douanes", "fr", "de l'Office des douanes"),
    ("Douanes sénégalaises", "fr", "des Douanes sénégalaises"),
    ("Receita Federal", "pt", "da Receita Federal"),
    ("Serviço Nacional das Alfândegas", "pt", "do Serviço Nacional das Alfândegas"),
    ("Customs Service of Costa Serena", "en", "of the Customs Service of Costa Serena"),
])  # fmt: skip
def test_the_administration_takes_its_article(name: str, language: str, expected: str) -> None:
    assert of_name(name, language) == expected


def test_a_given_article_wins() -> None:
    assert of_name("Aduanas de Chile", "es", "") == "de Aduanas de Chile"
    assert of_name("HM Revenue and Customs", "en", "") == "of HM Revenue and Customs"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["0 source files", "1 source file", "2 source files", "1,234 source files"]),
    ("es", ["0 archivos fuente", "1 archivo fuente", "2 archivos fuente", "1.234 archivos fuente"]),
    ("fr", ["0 fichier source", "1 fichier source", "2 fichiers sources", "1\u202f234 fichiers sources"]),
])  # fmt: skip
def test_counts_agree_with_their_nouns(language: str, expected: list[str]) -> None:
    assert [Say(language).count("files", n) for n in (0, 1, 2, 1234)] == expected  # type: ignore[arg-type]


def test_the_introduction_reads_as_written_by_hand() -> None:
    es, fr = Say("es"), Say("fr")
    sentence = es["intro_counts"].format(period="2012–2016", objectives=es.count("objectives", 1),
                                         initiatives=es.count("initiatives", 1234), areas=es.count("areas", 5))  # fmt: skip
    assert sentence == ("El plan abarca el período 2012–2016 y fija 1 objetivo estratégico y 1.234 iniciativas clave "
                        "en 5 áreas clave.")  # fmt: skip
    sentence = fr["intro_counts"].format(period="2012–2016", objectives=fr.count("objectives", 0),
                                         initiatives=fr.count("initiatives", 2), areas=fr.count("areas", 1))  # fmt: skip
    assert sentence == ("Le plan couvre la période 2012–2016 et fixe 0 objectif stratégique et 2 initiatives clés "
                        "dans 1 axe stratégique.")  # fmt: skip
    workshop = fr["intro_workshop"].format(of_administration=of_name("Direction générale des douanes", "fr"),
                                           workshop_when="", workshop_where="")  # fmt: skip
    assert workshop == ("Ce projet a été établi à partir des travaux de l'atelier de planification stratégique "
                        "de la Direction générale des douanes.")  # fmt: skip
    sources = fr["intro_sources"].format(files=fr.count("files", 1), file_list="atelier.xlsx")
    assert sources.startswith("Il s'appuie sur 1 fichier source\u00a0: atelier.xlsx.")


def test_french_fixed_texts_have_french_spacing() -> None:
    assert french_spacing("erreurs : 2 ; avertissements: 3 ! « texte »") == (
        "erreurs\u00a0: 2\u202f; avertissements\u00a0: 3\u202f! «\u00a0texte\u00a0»"
    )
    assert french_spacing("cellule A1:B2") == "cellule A1:B2"  # a cell range is not punctuation
    for key, text in vocabulary().messages["fr"].items():
        assert " :" not in text and " ;" not in text, key  # every space before them is a no-break one


def test_numbers_follow_the_language() -> None:
    assert count(1234, {"other": "{n}"}, "en") == "1,234"
    assert count(1234, {"other": "{n}"}, "es") == "1.234"
    assert count(1234, {"other": "{n}"}, "fr") == "1\u202f234"


def test_an_article_that_is_not_the_language_s_is_one_line(make_mission) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    folder = make_mission({"P": []}, language="es", toml_extra='administration_article = "le"\n')
    result = CliRunner().invoke(main, ["parse", str(folder)])
    assert result.exit_code == 2
    assert "administration_article: 'le' no es un artículo de 'es'" in result.output  # said in Spanish


def test_an_article_of_another_language_is_part_of_an_english_name() -> None:
    from pipeline.grammar import of_name

    assert of_name("La Paz Customs Office", "en") == "of the La Paz Customs Office"
    assert of_name("El Salvador Customs", "en") == "of the El Salvador Customs"
    assert of_name("The Revenue Authority", "en") == "of the Revenue Authority"
    assert of_name("La Direction générale des douanes", "fr") == "de la Direction générale des douanes"
