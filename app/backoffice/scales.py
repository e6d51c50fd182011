"""How the four views of a contact's satisfaction compare: the advisor's self-assessment and
the evaluators' estimates are on a 1-4 scale (1 very dissatisfied ... 4 very satisfied), the
customer's CSAT on the survey's 1-5.

CSAT maps onto the 1-4 scale as the "top-2-box" convention reads it: 4 and 5 are satisfied
(3 and 4), 1 and 2 dissatisfied (1 and 2), and the neutral 3 counts as not satisfied (2). So
"satisfied" means the same on both scales: 3 or 4 on the advisor's, 4 or 5 on the survey's.
"""

from typing import Any

from sqlalchemy import case

CSAT_TO_FOUR = {1: 1, 2: 2, 3: 2, 4: 3, 5: 4}


def csat_on_four(csat: int | None) -> int | None:
    """A CSAT answer (1-5) on the advisor's 1-4 scale."""
    return None if csat is None else CSAT_TO_FOUR[csat]


def csat_on_four_sql(column: Any) -> Any:
    """The same mapping as a SQL expression, for figures the centre computes."""
    return case(CSAT_TO_FOUR, value=column, else_=None)
