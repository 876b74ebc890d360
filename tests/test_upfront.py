"""A batch worker builds the stages' rule data before its first paper."""

from __future__ import annotations

from functools import cached_property

from pipeline import councils, headings, upfront
from pipeline.runner import prepare_worker


def test_a_prepared_worker_has_every_marked_builder_built_with_its_patterns():
    prepare_worker()
    upfront.build_all()  # a worker prepared by an earlier test has built them already
    assert councils._place_pattern in upfront.BUILDERS and headings.heading_rules in upfront.BUILDERS
    for builder in upfront.BUILDERS:
        value = builder()
        assert builder() is value, builder  # built once, kept for the process
        lazy = [n for k in type(value).__mro__ for n, a in vars(k).items() if isinstance(a, cached_property)]
        assert all(n in vars(value) for n in lazy), (builder, lazy)


def test_cached_properties_are_filled_through_the_class_hierarchy():
    class Rules:
        @cached_property
        def pattern(self) -> str:
            return "built"

    class MoreRules(Rules):
        @cached_property
        def other(self) -> int:
            return 2

    rules = MoreRules()
    upfront.fill_cached_properties(rules)
    assert vars(rules) == {"pattern": "built", "other": 2}
