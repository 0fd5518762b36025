"""Static checks over the extractors: tokens compared by identity never end a walk.

A spaCy `Token` is a new Python object at every access (`doc[0] is doc[0]` is False), so
`head.head is not head` is always true and a loop guarded by it never stops at the root.
Only the singletons None/True/False may be compared with `is` in the code that walks docs.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "kg"
WALKING_CODE = sorted([*ROOT.joinpath("extract").rglob("*.py"), *ROOT.joinpath("nlp").rglob("*.py")])
_SINGLETONS = (None, True, False)


def identity_comparisons(source: str) -> list[int]:
    """Line numbers of `a is b` / `a is not b` where neither side is None, True or False."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if not isinstance(op, (ast.Is, ast.IsNot)):
                continue
            if any(isinstance(side, ast.Constant) and side.value in _SINGLETONS for side in (left, right)):
                continue
            lines.append(node.lineno)
    return lines


def test_the_check_finds_identity_between_tokens():
    assert identity_comparisons("while head.head is not head:\n    head = head.head\n") == [1]
    assert identity_comparisons("x = a if b is None else c\n") == []


@pytest.mark.parametrize("path", WALKING_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_identity_comparison_between_objects(path):
    found = identity_comparisons(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: compare tokens by .i or ==, not `is` (lines {found})"


def test_mutual_recursion_is_cut_off_with_an_empty_answer():
    from kg.extract.bounded import MAX_DEPTH, bounded

    calls = []

    @bounded(list)
    def walk(n):
        calls.append(n)
        return walk(n + 1) + [n]  # never stops by itself

    result = walk(0)
    assert len(calls) == MAX_DEPTH
    assert result == list(range(MAX_DEPTH - 1, -1, -1))
