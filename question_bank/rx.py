"""Compiled regular expressions for patterns built at run time (a name, a key, a word of the
item spliced into a pattern). The ``re`` module keeps only 512 compiled patterns; one article's
gates build about a thousand distinct ones and ask for each many times, so the module's cache
kept evicting and recompiling them. This cache is large enough for an article's patterns."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, remembered."""
    return re.compile(pattern, flags)
