"""The batch's progress bar on stderr: documents, pages, failures, rate and time left."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from schemas import PlanExtraction, Status


class BatchProgress:
    """A rich progress display; with `enabled=False` it only counts."""

    def __init__(self, console: Console | None = None, enabled: bool = True) -> None:
        self.pages = 0
        self.failed = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if enabled:
            self._progress = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("docs · {task.fields[pages]} pages · [red]{task.fields[failed]} failed[/]"),
                TextColumn("· {task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console or Console(stderr=True),
                transient=False,
            )

    def __enter__(self) -> BatchProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, total: int, description: str = "extracting") -> None:
        """Open the bar for `total` documents."""
        if self._progress is not None:
            self._task = self._progress.add_task(description, total=total, pages=0, failed=0, rate="… docs/s")

    def note(self, text: str) -> None:
        """A line above the bar (what the batch found before it starts)."""
        if self._progress is not None:
            self._progress.console.print(text, highlight=False)

    def advance(self, plan: PlanExtraction) -> None:
        """Count one finished document."""
        self.pages += plan.source.pages
        self.failed += plan.status is Status.failed
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)
            task = next(t for t in self._progress.tasks if t.id == self._task)
            speed = task.finished_speed or task.speed
            rate = f"{speed:.1f} docs/s" if speed else "… docs/s"
            self._progress.update(self._task, pages=self.pages, failed=self.failed, rate=rate)
