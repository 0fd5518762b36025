"""Publication dates as given by sources: ISO 8601 first, RFC 2822 (feeds, HTTP) second."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from kg.sources.errors import SourceProblem

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_PARTIAL = re.compile(r"^\d{4}(?:-\d{2})?$")


def parse_published(value: object, field: str = "published") -> date | None:
    """A date from None, "", a date, "2019-09-12", "2019-09-12T08:30:00Z" or
    "Thu, 12 Sep 2019 08:30:00 GMT". Anything else raises SourceProblem saying what to use."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise SourceProblem(f"bad {field} date {value!r}: expected a string like \"2019-09-12\" or null")
    text = value.strip()
    if not text:
        return None
    m = _ISO_DAY.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise SourceProblem(f"bad {field} date {value!r}: no such day; use ISO 8601, YYYY-MM-DD") from None
    if _PARTIAL.match(text):
        raise SourceProblem(f"bad {field} date {value!r}: a full day is needed (YYYY-MM-DD) to resolve "
                            f"\"on Thursday\"; use null if the day is unknown")
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise SourceProblem(f"bad {field} date {value!r}: use ISO 8601 (YYYY-MM-DD) or null")
