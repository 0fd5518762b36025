"""Date expressions → ISO strings at the text's precision, resolved against the publication date.

Pure functions, no spaCy. `resolve_date("on Thursday", date(2019, 9, 12))` → "2019-09-12".
Precision follows the text: a weekday or "September 17" gives a day, "in August" or
"last month" a month ("2019-08"), "2016" or "last year" a year. Relative expressions
need the publication date; without it only what the text states outright is returned.

`tense` says which way an unanchored expression points: "past" (the default: news
reports what happened) picks the latest such day or month on or before publication,
"future" the next one on or after it, "nearest" the one closest to it (for events
such as elections whose tense the sentence does not fix), "anticipated" the next one
unless it is at most two months past (elections are talked of before they happen:
"the November election" in February is the coming one).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
SEASONS = ("spring", "summer", "autumn", "fall", "winter")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")        # September 17(, 2019)
_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")  # 17 September (2019)
_MY = re.compile(rf"\b{_MONTH}(?:\s+(?:of\s+)?{_YEAR}\b)?")             # September (2019)
_Y = re.compile(rf"(?<![\d-]){_YEAR}\b(?!-)")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_AGO = re.compile(r"\b(?P<n>\d+|" + "|".join(NUMBERS) + r")\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier|before)\b")


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_back(d: date, n: int = 1) -> tuple[int, int]:
    m = d.year * 12 + d.month - 1 - n
    return m // 12, m % 12 + 1


def weekday_date(weekday: int, published: date, tense: str = "past", shift_weeks: int = 0) -> date:
    """The latest such weekday on or before `published` (past), or the next on or after it (future)."""
    if tense == "future" or (tense in ("nearest", "anticipated") and (weekday - published.weekday()) % 7 <= 3):
        d = published + timedelta(days=(weekday - published.weekday()) % 7)
    else:
        d = published - timedelta(days=(published.weekday() - weekday) % 7)
    return d + timedelta(weeks=shift_weeks)


def month_year(month: int, published: date, tense: str = "past") -> int:
    """Year of a bare month name: the latest such month not after publication (past), else the next."""
    if tense == "future":
        return published.year if month >= published.month else published.year + 1
    if tense == "nearest":
        diff = month - published.month
        return published.year + (1 if diff < -6 else -1 if diff > 6 else 0)
    if tense == "anticipated":  # the next such month, unless it ended at most two months ago
        back = (published.month - month) % 12
        return published.year - (month > published.month) if 0 < back <= 2 else month_year(month, published, "future")
    return published.year if month <= published.month else published.year - 1


def day_month_year(month: int, day: int, published: date, tense: str = "past") -> int:
    """Year of "September 17" with no year: the publication year, unless the tense points clearly
    across a year boundary (more than a week the wrong way)."""
    candidate = _safe_date(published.year, month, day) or date(published.year, month, 28)
    if tense == "nearest":
        return month_year(month, published, tense)
    if tense == "anticipated":  # the publication year, unless a day just before a new year
        back = (published.month - month) % 12
        return published.year - 1 if month > published.month and back <= 2 else published.year
    if tense == "past" and candidate > published + timedelta(days=7) and (candidate - published).days > 60:
        return published.year - 1
    if tense == "future" and candidate < published - timedelta(days=7) and (published - candidate).days > 60:
        return published.year + 1
    return published.year


def resolve_date(text: str, published: date | None, tense: str = "past",
                 context_year: int | None = None) -> str | None:
    """ISO date for a date expression, at the precision the text supports, or None.

    `context_year`: a year the surrounding text states, used for "13 March" when the
    article has no publication date."""
    if not text:
        return None
    t = " ".join(text.lower().replace("\u2019", "'").split())
    t = re.sub(r"^(on|in|at|by|since|during|from|of|the)\s+", "", t)

    m = _ISO.search(t)
    if m:
        return iso(int(m["year"]), int(m["month"]), int(m["day"]))

    for pattern in (_MDY, _DMY):
        m = pattern.search(t)
        if m and 1 <= int(m["day"]) <= 31:
            month, day = MONTHS[m["month"]], int(m["day"])
            if m["year"]:
                return iso(int(m["year"]), month, day)
            if published:
                return iso(day_month_year(month, day, published, tense), month, day)
            if context_year:
                return iso(context_year, month, day)
            return None

    m = _MY.search(t)
    if m and (m["month"] != "may" or re.search(r"\bMay\b", text)):  # not the verb "may"
        month = MONTHS[m["month"]]
        if m["year"]:
            return iso(int(m["year"]), month)
        if published:
            year = month_year(month, published, tense)
            if re.search(r"\blast\b", t) and year == published.year and month == published.month:
                year -= 1
            if re.search(r"\bnext\b", t) and year == published.year and month == published.month:
                year += 1
            return iso(year, month)
        if context_year:
            return iso(context_year, month)
        return None

    m = _Y.search(t)
    if m:
        return iso(int(m["year"]))

    return _relative(t, published, tense)


def _relative(t: str, published: date | None, tense: str) -> str | None:
    """Expressions that only make sense against the publication date."""
    if published is None:
        return None
    for name, wd in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", t):
            shift = -1 if re.search(r"\blast\b", t) and tense != "future" else 0
            if re.search(r"\bnext\b", t):
                d = weekday_date(wd, published, "future")
                d = d + timedelta(weeks=1) if d == published else d
                return d.isoformat()
            d = weekday_date(wd, published, tense)
            if shift and d == published:
                d -= timedelta(weeks=1)
            return d.isoformat()
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", t):
        return published.isoformat()
    if re.search(r"\b(yesterday|last night)\b", t):
        return (published - timedelta(days=1)).isoformat()
    if re.search(r"\btomorrow\b", t):
        return (published + timedelta(days=1)).isoformat()
    m = _AGO.search(t)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"]]
        if m["unit"] == "day":
            return (published - timedelta(days=n)).isoformat()
        if m["unit"] == "week":
            d = published - timedelta(weeks=n)
            return iso(d.year, d.month)
        if m["unit"] == "month":
            return iso(*_month_back(published, n))
        return iso(published.year - n)
    if re.search(r"\b(last|past) week(end)?\b|\bearlier last week\b", t):
        d = published - timedelta(days=7)
        return iso(d.year, d.month)
    if re.search(r"\b(this|earlier this|later this|the) week(end)?\b|\bweekend\b", t):
        d = published + timedelta(days=3) if tense == "future" else published - timedelta(days=2)
        return iso(d.year, d.month)
    if re.search(r"\bnext week\b", t):
        d = published + timedelta(days=7)
        return iso(d.year, d.month)
    if re.search(r"\b(this|earlier this|later this) month\b", t):
        return iso(published.year, published.month)
    if re.search(r"\blast month\b", t):
        return iso(*_month_back(published, 1))
    if re.search(r"\bnext month\b", t):
        return iso(*_month_back(published, -1))
    if re.search(r"\b(this|earlier this|later this) year\b", t):
        return iso(published.year)
    if re.search(r"\blast year\b", t):
        return iso(published.year - 1)
    if re.search(r"\bnext year\b", t):
        return iso(published.year + 1)
    for season in SEASONS:
        if re.search(rf"\b{season}\b", t):
            if re.search(r"\blast\b", t) and not re.search(r"\bthis (past )?", t):
                return iso(published.year - 1)
            if re.search(r"\bnext\b", t):
                return iso(published.year + 1)
            return iso(published.year)
    return None


def year_of(iso_date: str | None) -> int | None:
    return int(iso_date[:4]) if iso_date else None
