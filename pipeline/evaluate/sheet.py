"""The score sheet of one document in one mode: counts per field and the issues behind them.

Two kinds of comparison serve every field:
- `items`: lists (priorities, partners ...) matched one-to-one; a match is a true positive,
  a gold item left over a false negative (miss), a found item left over a false positive
  (extra).
- `value`: one value against another (a title, a matched target's deadline). Equal is a true
  positive; otherwise a gold value not given is a false negative and a found value that is
  wrong or not wanted is a false positive, so a wrong value counts once on each side.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pipeline.evaluate.matching import Matching, TextMatcher, assign, nearest
from pipeline.evaluate.model import Issue, IssueKind, Score

G = TypeVar("G")
F = TypeVar("F")


def same_number(a: float | None, b: float | None) -> bool:
    """Numbers are equal up to float noise; percentages are compared as written (39.0 == 39)."""
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def where(item: Any) -> str | None:
    """Page and section of an extracted item, for the issue list."""
    span = getattr(item, "span", None)
    parts = []
    if span is not None and span.page is not None:
        parts.append(f"p.{span.page}")
    if getattr(item, "section", None):
        parts.append(f"§{item.section}")
    return " ".join(parts) or None


class Sheet:
    """Counts and issues of one document under one text matcher."""

    def __init__(self, matcher: TextMatcher, fields: Sequence[str] = ()) -> None:
        self.matcher = matcher
        self.scores: dict[str, Score] = defaultdict(Score, {name: Score() for name in fields})
        self.issues: list[Issue] = []

    def count(self, name: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Add raw counts to a field."""
        score = self.scores[name]
        score.tp += tp
        score.fp += fp
        score.fn += fn

    def items(
        self,
        name: str,
        gold: Sequence[G],
        found: Sequence[F],
        gold_key: Callable[[G], str | None],
        found_key: Callable[[F], str | None],
        *,
        show_gold: Callable[[G], str] | None = None,
        show_found: Callable[[F], str] | None = None,
        similarity: Callable[[G, F], float] | None = None,
        admissible: Callable[[G, F], bool] | None = None,
        tiebreak: Callable[[G, F], float] | None = None,
        count_extras: bool = True,
        quiet: bool = False,
    ) -> Matching[G, F]:
        """Match two lists one-to-one by their keys' text similarity and count the outcome.

        With count_extras=False the caller decides about the left-over found items; with
        quiet=True nothing is listed (a second view of a field already listed).
        """
        show_gold = show_gold or (lambda g: str(gold_key(g)))
        show_found = show_found or (lambda f: str(found_key(f)))
        sim = similarity or (lambda g, f: self.matcher.similarity(gold_key(g), found_key(f)))
        matching = assign(gold, found, sim, self.matcher.bar, admissible, tiebreak)
        extras = matching.extras if count_extras else []
        self.count(name, tp=len(matching.pairs), fp=len(extras), fn=len(matching.misses))
        if quiet:
            return matching

        def add(kind: IssueKind, **what: Any) -> None:
            self.issues.append(Issue(field=name, kind=kind, **what))

        for gi, fi, s in matching.pairs:
            if s < 1.0:
                add("near", gold=show_gold(gold[gi]), found=show_found(found[fi]), similarity=round(s, 3),
                    where=where(found[fi]))  # fmt: skip
        spare = [found_key(found[fi]) or "" for fi in matching.extras]
        for gi in matching.misses:
            best = nearest(gold_key(gold[gi]) or "", spare, self.matcher)
            add("miss", gold=show_gold(gold[gi]), found=f"nearest: {best[0]}" if best else None,
                similarity=round(best[1], 3) if best else None)  # fmt: skip
        matched = [found_key(found[fi]) for _, fi, _ in matching.pairs]
        for fi in extras:
            again = any(self.matcher.same(found_key(found[fi]), m) for m in matched)
            add("extra", found=show_found(found[fi]), where=where(found[fi]),
                context="duplicate of a matched item" if again else None)  # fmt: skip
        return matching

    def extra(self, name: str, shown: str, item: Any) -> None:
        """Count and list one found item that matches nothing in the gold."""
        self.count(name, fp=1)
        self.issues.append(Issue(field=name, kind="extra", found=shown, where=where(item)))

    def value(
        self,
        name: str,
        gold: Any,
        found: Any,
        *,
        same: Callable[[Any, Any], bool] | None = None,
        context: str | None = None,
        located: Any = None,
    ) -> bool:
        """Compare one gold value with one found value (None is "not given"); True when equal."""
        if gold is None and found is None:
            return True
        equal = gold is not None and found is not None and (same or (lambda a, b: a == b))(gold, found)
        if equal:
            self.count(name, tp=1)
            return True
        self.count(name, fp=int(found is not None), fn=int(gold is not None))
        kind = "wrong" if gold is not None and found is not None else ("miss" if gold is not None else "extra")
        self.issues.append(
            Issue(field=name, kind=kind, gold=_show(gold), found=_show(found), context=context, where=where(located))
        )
        return False

    def text(self, name: str, gold: str | None, found: str | None, **kw: Any) -> bool:
        """Compare two texts with this sheet's matcher (a near match is listed as such)."""
        gold, found = gold or None, found or None
        if gold is not None and found is not None and self.matcher.same(gold, found):
            s = self.matcher.similarity(gold, found)
            if s < 1.0:
                self.issues.append(
                    Issue(
                        field=name,
                        kind="near",
                        gold=gold,
                        found=found,
                        similarity=round(s, 3),
                        context=kw.get("context"),
                    )
                )
            self.count(name, tp=1)
            return True
        return self.value(name, gold, found, same=lambda a, b: False, **kw)

    def sets(self, name: str, gold: set[str], found: set[str], context: str | None = None) -> None:
        """Compare two sets member by member (e.g. the themes of a matched priority)."""
        self.count(name, tp=len(gold & found), fp=len(found - gold), fn=len(gold - found))
        for g in sorted(gold - found):
            self.issues.append(Issue(field=name, kind="miss", gold=g, context=context))
        for f in sorted(found - gold):
            self.issues.append(Issue(field=name, kind="extra", found=f, context=context))


def _show(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return "-".join(map(str, value))
    return str(value)
