"""Field cases for the reading words that moved from code into the vocabularies (issue #26): area
labels with their prefix, quarters in the languages' words, 'and' between cited references.

Their expected counts were written before the first run. `make_field.py` writes them with the rest.
"""

from __future__ import annotations

from books import workbook as _book


def eixos_trimestres(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A Lusophone action plan: `Eixo N – …` rows across the table name the key area, the objective
    is merged down its actions, dates are quarters (`1.º trimestre de 2016`, `2T 2016`), and actions
    cite the diagnostic's recommendations as `R1 e R2`; a `Recomendações` sheet lists them."""
    folder = mission(
        "pt_eixos_trimestres", lang="pt", period="2016-2018", admin="Direcção Geral das Alfândegas"
    )
    head = ["Objectivo", "Acção", "Responsável", "Início", "Prazo", "Indicador", "Meta", "Recomendações"]
    rows: list[list[object]] = [
        head,
        ["Eixo 1 – Quadro legal e procedimentos", "", "", "", "", "", "", ""],
        ["Harmonizar a legislação aduaneira com a Convenção de Quioto revista", "Rever o Código Aduaneiro", "Direcção Jurídica", "1.º trimestre de 2016", "4.º trimestre de 2016", "Código revisto aprovado", "1", "R1 e R2"],
        ["", "Publicar os procedimentos de desembaraço simplificados", "Direcção de Técnica Aduaneira", "2T 2016", "3T 2016", "Procedimentos publicados", "12", "R2"],
        ["Eixo 2 – Gestão estratégica", "", "", "", "", "", "", ""],
        ["Reforçar o planeamento e o seguimento do plano", "Criar a unidade de planeamento estratégico", "Gabinete do Director-Geral", "1.º trimestre de 2017", "2.º trimestre de 2017", "Unidade criada por despacho", "1", "R3"],
        ["", "Publicar o relatório anual de desempenho", "Gabinete de Planeamento", "4.º trimestre de 2017", "1.º trimestre de 2018", "Relatórios publicados", "2", ""],
        ["Eixo 3 – Desenvolvimento dos recursos humanos", "", "", "", "", "", "", ""],
        ["Profissionalizar os quadros da administração", "Formar 200 funcionários em gestão de risco", "Direcção de Recursos Humanos", "2016", "2018", "Funcionários formados", "200", "R3"],
    ]  # fmt: skip
    recommendations: list[list[object]] = [
        ["Código", "Fonte", "Recomendação"],
        ["R1", "OMA", "Alinhar o Código Aduaneiro com a Convenção de Quioto revista"],
        ["R2", "FMI", "Simplificar e publicar os procedimentos de desembaraço"],
        ["R3", "OMA", "Criar capacidade de planeamento e de gestão de risco"],
    ]
    merges = ["A2:H2", "A5:H5", "A8:H8", "A3:A4", "A6:A7"]
    _book(
        folder / "plano_de_accao.xlsx", {"Plano": rows, "Recomendações": recommendations}, {"Plano": merges}
    )
    dates = {
        "Rever o Código Aduaneiro": ["Q1 2016", "Q4 2016"],
        "Publicar os procedimentos de desembaraço simplificados": ["Q2 2016", "Q3 2016"],
        "Publicar o relatório anual de desempenho": ["Q4 2017", "Q1 2018"],
    }
    cites = {"Rever o Código Aduaneiro": ["R1", "R2"], "Formar 200 funcionários em gestão de risco": ["R3"]}
    return expected(3, 5, 5, areas=3, owners=5, dates=dates, cites=cites)


READING_WORD_MAKERS = [eixos_trimestres]
