"""Print priority and target scores of the stages against the seed gold, per document and format.

python scripts/score_priorities.py [--verbose]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scoring import Score, field_accuracy, main_theme, score_priorities, score_targets  # noqa: E402

from pipeline import extract  # noqa: E402


def main(verbose: bool) -> None:
    totals: dict[str, Score] = {}
    fields: dict[str, list[int]] = {}
    for gold_path in sorted((ROOT / "corpus" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for suffix in (".txt", ".pdf"):
            plan = extract(ROOT / "corpus" / "seeds" / f"{gold_path.stem}{suffix}")
            ps = score_priorities(gold["priorities"], plan.priorities)
            ts = score_targets(gold["targets"] or [], plan.targets, gold.get("optional_targets") or [])
            totals["priorities"] = totals.get("priorities", Score()).add(ps)
            totals["targets"] = totals.get("targets", Score()).add(ts)
            checks = {
                "main_theme": field_accuracy(ps.pairs, "themes", lambda p: p.themes[:1] and p.themes[:1]),
                "scope": field_accuracy(ps.pairs, "scope"),
                "period": field_accuracy(ps.pairs, "period"),
                "deadline": field_accuracy(ts.pairs, "deadline"),
                "baseline": field_accuracy(ts.pairs, "baseline"),
                "target_value": field_accuracy(ts.pairs, "target_value"),
            }
            mt = [sum(main_theme(f) == g["themes"][0] for g, f in ps.pairs), len(ps.pairs)]
            checks["main_theme"] = tuple(mt)
            for k, (r, n) in checks.items():
                fields.setdefault(k, [0, 0])
                fields[k][0] += r
                fields[k][1] += n
            print(
                f"{gold_path.stem}{suffix:5} priorities P={ps.precision:.2f} R={ps.recall:.2f} F1={ps.f1:.2f}"
                f"  targets P={ts.precision:.2f} R={ts.recall:.2f} F1={ts.f1:.2f}  "
                + " ".join(f"{k}={r}/{n}" for k, (r, n) in checks.items() if n)
            )
            if verbose:
                for g in ps.missed:
                    print("   missed priority:", g["text"])
                for f in ps.extra:
                    print("   extra priority:", f.text)
                for g, f in ps.pairs:
                    if main_theme(f) != g["themes"][0] or g.get("period") != f.period or g.get("scope") != f.scope:
                        print(
                            "   wrong fields:",
                            f.text,
                            f.themes,
                            f.period,
                            f.scope,
                            "gold:",
                            g["themes"],
                            g.get("period"),
                            g.get("scope"),
                        )
                for g in ts.missed:
                    print("   missed target:", g)
                for f in ts.extra:
                    print("   extra target:", f.metric, f.direction, f.amount, f.deadline, "|", f.text)
                for g, f in ts.pairs:
                    for k in ("deadline", "baseline", "target_value", "baseline_period"):
                        if k in g and g[k] != getattr(f, k):
                            print(f"   wrong {k}: {f.metric}: {getattr(f, k)} gold {g[k]}")
    for name, s in totals.items():
        print(f"ALL {name}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}")
    for k, (r, n) in fields.items():
        print(f"ALL {k}: {r}/{n}" + (f" = {r / n:.3f}" if n else ""))


if __name__ == "__main__":
    main("--verbose" in sys.argv or "-v" in sys.argv)
