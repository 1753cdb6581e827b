"""Dates as workshops write them: real dates, years, 2014-06, Q2 2014, 2T 2014, junio 2014,
2º trimestre de 2014, junho de 2014."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.model import PlanDate
from pipeline.text import fold
from pipeline.vocab import alternation, vocabulary

_YEAR = r"(19|20)\d{2}"
_ISO = re.compile(rf"({_YEAR})[-/.](\d{{1,2}})(?:[-/.](\d{{1,2}}))?")
_DMY = re.compile(rf"(?:(\d{{1,2}})[-/.])?(\d{{1,2}})[-/.]({_YEAR})")


@dataclass(frozen=True)
class _Patterns:
    quarter: tuple[re.Pattern[str], ...]  # a quarter with its year: Q2 2014, 2T 2014, 2º trimestre de 2014
    month_year: re.Pattern[str]  # junio 2014, junio de 2014, June 14
    day_month_year: re.Pattern[str]  # 15 de junio de 2014
    bare_quarter: tuple[re.Pattern[str], ...]  # a quarter without its year: Q2, 2T, 2e trimestre


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """The date forms, made with the vocabularies' words for a quarter, ordinal endings and the
    words joining a day, a month and a year."""
    words = vocabulary().reading
    quarter, short = (
        alternation(words["quarter"]),
        alternation(tuple(w for w in words["quarter"] if len(w) == 1)),
    )
    ordinal, join = (
        alternation(words["ordinal_suffixes"]),
        rf"(?:(?:{alternation(words['date_joiners'])})\s+)?",
    )
    return _Patterns(
        quarter=(
            re.compile(rf"(?:{quarter})\s*([1-4])\s*{join}({_YEAR})"),  # Q2 2014, T2 2014
            re.compile(
                rf"([1-4])\s*(?:{short}|{ordinal})?\s*(?:{quarter})\s*{join}({_YEAR})"
            ),  # 2T 2014, 2nd quarter 2014
            re.compile(rf"({_YEAR})\s*(?:{short})\s*([1-4])"),  # 2014 Q2
        ),
        month_year=re.compile(rf"([a-z]+)\s*{join}({_YEAR}|\d{{2}})"),
        day_month_year=re.compile(rf"(\d{{1,2}})\s*{join}([a-z]+)\s*{join}({_YEAR})"),
        bare_quarter=(
            re.compile(rf"(?:{quarter})\s*([1-4])"),
            re.compile(rf"([1-4])\s*(?:{ordinal})?\s*(?:{quarter})"),
        ),
    )


_YEAR_RANGE = re.compile(rf"\s*({_YEAR})\s*[-/]\s*({_YEAR})\s*")


@lru_cache(maxsize=1)
def _range() -> re.Pattern[str]:
    """Separators between a start and an end in one cell: '2013-2015', 'Q1 2013 – Q4 2014', and the
    languages' words ('2013 to 2015', '2013 a 2015', 'T1 2013 au T4 2014', '2014 até 2016')."""
    words = "|".join(
        rf"\b{re.escape(w)}\b" if w[-1].isalnum() else re.escape(w) for w in vocabulary().range_words
    )
    return re.compile(rf"\s*(?:[–—]|\s-\s|{words})\s*")


class DateError(ValueError):
    """A value that is not a date in any form a workshop uses."""


def parse_date(value: object) -> PlanDate:
    """Read one date; raises DateError when the value is not one."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not 1000 <= value.year <= 9999:
            raise DateError(f"{value.isoformat()} is not a date of a plan")
        return PlanDate(year=value.year, month=value.month, day=value.day)
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a date")
    if isinstance(value, int | float):
        if float(value).is_integer() and 1900 <= value <= 2199:
            return PlanDate(year=int(value))
        raise DateError(f"{value!r} is not a year")
    text = fold(str(value)) if not re.search(r"\d[-/.]\d", str(value)) else str(value).strip()
    text = _without_date_words(text.lower())
    try:
        found = _from_text(text)
    except ValueError as exc:  # an impossible day or month
        raise DateError(f"{value!r} is not a date: {exc}") from None
    if found is None:
        raise DateError(f"{str(value)!r} is not a date")
    return found


def _without_date_words(text: str) -> str:
    """A date typed in a sentence's words, without them: 'durante 2014' → '2014', 'courant 2016' →
    '2016', 'by the end of 2015' → '2015' (the words are in vocab/, every language)."""
    if not any(ch.isdigit() for ch in text):
        return text
    words = vocabulary().date_words
    while found := next((w for w in words if text.startswith(w + " ")), None):
        text = text[len(found) :].strip()  # 'durante el 2014': each word off in turn
    return text


def _from_text(text: str) -> PlanDate | None:
    if re.fullmatch(_YEAR, text):
        return PlanDate(year=int(text))
    if m := _ISO.fullmatch(text):
        day = int(m.group(4)) if m.group(4) else None
        return PlanDate(year=int(m.group(1)), month=int(m.group(3)), day=day)
    if m := _DMY.fullmatch(text):
        day = int(m.group(1)) if m.group(1) else None
        return PlanDate(year=int(m.group(3)), month=int(m.group(2)), day=day)
    folded = fold(text)
    patterns = _patterns()
    for i, pattern in enumerate(patterns.quarter):
        if m := pattern.fullmatch(folded):
            q, y = (m.group(3), m.group(1)) if i == 2 else (m.group(1), m.group(2))
            return PlanDate(year=int(y), quarter=int(q))
    months = vocabulary().months
    if (m := patterns.day_month_year.fullmatch(folded)) and m.group(2) in months:
        return PlanDate(year=int(m.group(3)), month=months[m.group(2)], day=int(m.group(1)))
    if (m := patterns.month_year.fullmatch(folded)) and m.group(1) in months:
        year = int(m.group(2))
        return PlanDate(year=year + 2000 if year < 100 else year, month=months[m.group(1)])
    return None


def parse_span(value: object) -> tuple[PlanDate, PlanDate]:
    """Read a timeline cell such as '2013-2015', 'Q1 2013 – Q4 2014' or '2023/24' into start and end."""
    if not isinstance(value, str):
        single = parse_date(value)
        return single, single
    if m := _YEAR_RANGE.fullmatch(value):
        return PlanDate(year=int(m.group(1))), PlanDate(year=int(m.group(3)))
    parts = [p for p in _range().split(value.strip()) if p]
    try:
        if len(parts) == 2:
            return parse_date(parts[0]), parse_date(parts[1])
        single = parse_date(value)
    except DateError:
        years = period_years(value)  # a fiscal year or years: 'FY2024', '2023/24' ('2024-06' is June)
        if years is None or years[1] < years[0]:
            raise
        return PlanDate(year=years[0]), PlanDate(year=years[1])
    return single, single


@dataclass(frozen=True)
class PeriodLabel:
    """A column header that names a period: a year, a quarter, a month, or the n-th year of the plan."""

    year: int | None = None
    quarter: int | None = None
    month: int | None = None
    ordinal: int | None = None

    def dates(self, first_year: int) -> tuple[PlanDate, PlanDate]:
        """The first and last date the column covers; a period without a year is in `first_year`."""
        year = self.year if self.year is not None else first_year + (self.ordinal or 1) - 1
        if self.month is not None:
            return PlanDate(year=year, month=self.month), PlanDate(year=year, month=self.month)
        if self.quarter is not None:
            return PlanDate(year=year, quarter=self.quarter), PlanDate(year=year, quarter=self.quarter)
        return PlanDate(year=year), PlanDate(year=year)


_ORDINAL = re.compile(r"([a-z]+(?: [a-z]+)?)\s*(\d{1,2})")


def period_label(value: object) -> PeriodLabel | None:
    """The period a header cell names ('2014', 'Q2', 'T2 2014', 'June', 'Year 3'), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return PeriodLabel(year=int(value)) if float(value).is_integer() and 1900 <= value <= 2199 else None
    if not isinstance(value, str) or len(value) > 30:
        return None
    return _text_period(value)


@lru_cache(maxsize=4096)
def _text_period(value: str) -> PeriodLabel | None:
    text = fold(value)
    if not text or len(text.split()) > 4:
        return None
    if re.fullmatch(_YEAR, text):
        return PeriodLabel(year=int(text))
    for pattern in _patterns().bare_quarter:
        if m := pattern.fullmatch(text):
            return PeriodLabel(quarter=int(m.group(1)))
    vocab = vocabulary()
    if text in vocab.months:
        return PeriodLabel(month=vocab.months[text])
    if (m := _ORDINAL.fullmatch(text)) and m.group(1) in vocab.ordinals and 1 <= int(m.group(2)) <= 15:
        return PeriodLabel(ordinal=int(m.group(2)))
    if not re.search(r"\d", text):
        return None
    try:
        date = _from_text(text)
    except ValueError:
        return None
    if date is None or date.day is not None:
        return None
    return PeriodLabel(year=date.year, quarter=date.quarter, month=date.month)


# One end of a period: '2012', 'FY2023', 'FY23', '2022/23', '2022-23', 'FY 2022/2023'.
_YEAR_SPAN = r"(?:FY\s?)?(\d{4}|\d{2})(?:\s?/\s?(\d{4}|\d{2}))?"


@lru_cache(maxsize=1)
def _period() -> re.Pattern[str]:
    """A period as plans write it: one end, or two joined by a dash or a language's range word
    ('2012-2016', '2012 to 2016', '2012 a 2016', 'FY22 à FY25')."""
    words = alternation(tuple(sorted(vocabulary().range_words, key=len, reverse=True)))
    return re.compile(rf"\s*{_YEAR_SPAN}(?:\s*(?:[-–—]|{words})\s*{_YEAR_SPAN})?\s*", re.I)


def _full_year(text: str | None, before: int) -> int | None:
    """'2023' → 2023; '23' → 2023, in the century of `before` (the second half of '2022/23')."""
    if text is None:
        return None
    return int(text) if len(text) == 4 else (before // 100) * 100 + int(text)


def period_years(text: str) -> tuple[int, int] | None:
    """The first and last year of a period as plans write it, or None.

    >>> [period_years(t) for t in ("2012-2016", "2025", "FY2023", "2022/23", "FY2022-FY2025")]
    [(2012, 2016), (2025, 2025), (2023, 2023), (2022, 2023), (2022, 2025)]
    >>> period_years("2022/23-2025/26"), period_years("FY23-FY25"), period_years("2012-16")
    ((2022, 2026), (2023, 2025), (2012, 2016))
    """
    m = _period().fullmatch(text)
    if m is None:
        return None
    first, first_end, second, second_end = m.groups()
    if len(first) == 2 and not text.strip().lower().startswith("fy"):
        return None  # a bare two-digit number is no year ('12'); only 'FY23' stands for one
    start = int(first) if len(first) == 4 else 2000 + int(first)
    if first_end is not None and len(first_end) == 2 and int(first_end) != (start + 1) % 100:
        return None  # '2022/23' is a fiscal year; '2024/06' is not
    end = _full_year(first_end, start) or start
    if second is not None:
        end = _full_year(second_end, start) or _full_year(second, start) or end
    if not (1000 <= start <= 9999 and 1000 <= end <= 9999):
        return None
    return start, end  # possibly reversed: mission.toml says so, a date cell reads it as a date
