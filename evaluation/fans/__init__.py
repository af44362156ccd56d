"""An independent evaluation set of fan questions (issue 22).

Questions written as fans ask them, without looking at the copilot's parser; expected answers
computed by SQL from the Ergast CSV dump (`sources.py`), never typed and never read from the
warehouse. `load_items()` gives the items, `score()` judges an answer with the shared
`answer_judge.py`, `python -m evaluation.fans.run` asks a running copilot.
"""

from evaluation.fans.items import Item, load_items
from evaluation.fans.scorer import Verdict, score

__all__ = ["Item", "Verdict", "load_items", "score"]
