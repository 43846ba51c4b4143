"""newsclean: strip boilerplate from scraped news dumps, and say what was removed.

    from cleaner import clean
    result = clean(dump_text)
    result.text      # the article: title and body, one paragraph per line
    result.removed   # every removed span: offsets, lines, category, rule
"""

from .pipeline import CleanResult, clean, get_rules
from .report import Removal
from .ruleset import Rule, RuleError, RuleSet, load_rules

__all__ = ["CleanResult", "Removal", "Rule", "RuleError", "RuleSet", "clean", "get_rules", "load_rules"]
__version__ = "0.1.0"
