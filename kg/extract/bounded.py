"""A bound on the mutual recursion of the argument walkers.

Resolving a name can ask for a clause's subject, whose name can ask for a possessor, whose
clause... On a parse with a cycle of such references (or a very deep one) the walk must stop
with "no one" rather than exhaust Python's stack and lose every fact of the article.
"""
from __future__ import annotations

import functools
import threading

MAX_DEPTH = 40  # nested resolutions; real sentences need fewer than ten

_state = threading.local()


def bounded(empty):
    """Decorate a recursive walker: past MAX_DEPTH nested calls it returns `empty()`."""
    def wrap(func):
        @functools.wraps(func)
        def call(*args, **kwargs):
            depth = getattr(_state, "depth", 0)
            if depth >= MAX_DEPTH:
                return empty()
            _state.depth = depth + 1
            try:
                return func(*args, **kwargs)
            finally:
                _state.depth = depth
        return call
    return wrap
