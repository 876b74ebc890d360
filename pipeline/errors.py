"""The project's own error types. Each has a stable code and a CLI exit code.

Callers recognise errors by type or by `code`, never by message text.
"""

from __future__ import annotations


class CouncilPlansError(Exception):
    """Base of every error councilplans raises on purpose."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str, *, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page

    def __str__(self) -> str:
        return self.message


class InputError(CouncilPlansError):
    """The input cannot be read as a council paper at all."""

    code = "input.error"
    exit_code = 3


class InputNotFound(InputError):
    code = "input.not_found"
    exit_code = 3


class NotAFile(InputError):
    code = "input.not_a_file"
    exit_code = 3


class UnreadableInput(InputError):
    code = "input.unreadable"
    exit_code = 3


class EmptyInput(InputError):
    code = "input.empty"
    exit_code = 4


class UnsupportedFormat(InputError):
    code = "input.unsupported_format"
    exit_code = 5


class CorruptDocument(InputError):
    code = "input.corrupt"
    exit_code = 6


class EncryptedDocument(InputError):
    code = "input.encrypted"
    exit_code = 7


class LimitExceeded(InputError):
    code = "input.too_large"
    exit_code = 8


class RuleDataError(CouncilPlansError):
    """A packaged or user-supplied rule file (pipeline/data/*.json) is malformed."""

    code = "data.invalid"
    exit_code = 1


EXIT_CODES: dict[int, str] = {
    0: "success (for audit: also no element failed the --fail-on test)",
    1: "some documents failed (batch), an audit check failed (--fail-on) or an unexpected error",
    2: "wrong usage: unknown option or missing argument",
    InputNotFound.exit_code: "the path does not exist, is not a regular file, or cannot be read",
    EmptyInput.exit_code: "the file is empty or holds no text",
    UnsupportedFormat.exit_code: "the file is not a format councilplans reads",
    CorruptDocument.exit_code: "the file is damaged (e.g. a truncated PDF)",
    EncryptedDocument.exit_code: "the file is encrypted",
    LimitExceeded.exit_code: "the file is over a size or page limit",
}


class TimeLimitExceeded(CouncilPlansError):
    """A paper ran past the time a batch allows one paper (`--timeout`)."""

    code = "batch.timeout"
    exit_code = 1


class MissingDependency(CouncilPlansError):
    """An optional extra that a command needs is not installed."""

    code = "env.missing_dependency"
    exit_code = 1


class StoreError(CouncilPlansError):
    """A results database that is missing or is not a councilplans store."""

    code = "store.error"
    exit_code = 3


class GoldError(InputError):
    """A gold annotation file or directory that cannot be used for evaluation."""

    code = "gold.invalid"
    exit_code = 3
