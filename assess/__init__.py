"""assess: weigh competing hypotheses against uneven evidence, and explain why.

``assess.load(*paths, texts=None)`` returns an ``Assessment`` whose methods
(``crisp()``, …) give typed results; see ``assess.api``.
"""

from assess.api import Assessment, load

__all__ = ["Assessment", "load"]
