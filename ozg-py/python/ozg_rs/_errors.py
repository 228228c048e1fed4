"""Exception classes of ``ozg_rs``: one base, :class:`OzgError`, and a subclass per failure.

They are plain Python classes (not ``create_exception!`` types) so that they carry fields and
pickle: every field is a keyword argument of ``__init__`` stored as an attribute, and
``BaseException.__reduce__`` restores both the message (``args``) and the fields (``__dict__``).
The Rust extension raises them through one mapping function (``ozg-py/src/error.rs``).
"""

from __future__ import annotations

from typing import Any, List, Optional

__all__ = [
    "OzgError",
    "InvalidIdentifierError",
    "CodeError",
    "XmlSyntaxError",
    "ParseError",
    "ValidationError",
    "TransitionError",
    "OzgIOError",
    "ArgumentError",
]


class OzgError(Exception):
    """Base class of every error raised by ``ozg_rs``."""


class InvalidIdentifierError(OzgError, ValueError):
    """An identifier (Kennung) did not parse: ``kind`` names it, ``rule`` says what is wrong."""

    def __init__(
        self,
        message: str,
        *,
        kind: Optional[str] = None,
        input: Optional[str] = None,
        rule: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.input = input
        self.rule = rule


class CodeError(OzgError, ValueError):
    """A code (Code) is not in its code list (Codeliste), or a value built from codes is invalid."""

    def __init__(
        self, message: str, *, list: Optional[str] = None, code: Optional[str] = None
    ) -> None:
        super().__init__(message)
        self.list = list
        self.code = code


class XmlSyntaxError(OzgError):
    """XML that is not well-formed or not of the expected shape; ``line``/``column`` are 1-based."""

    def __init__(
        self,
        message: str,
        *,
        line: Optional[int] = None,
        column: Optional[int] = None,
        path: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.path = path


class ParseError(OzgError, ValueError):
    """A JSON document (dataset, catalogue) that does not match the model.

    ``pointer`` is the JSON pointer of the offending value, ``line``/``column`` its position.
    """

    def __init__(
        self,
        message: str,
        *,
        pointer: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
        path: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.line = line
        self.column = column
        self.path = path


class ValidationError(OzgError, ValueError):
    """A document failed validation; ``findings`` lists every problem found."""

    def __init__(self, message: str, *, findings: Optional[List[Any]] = None) -> None:
        super().__init__(message)
        self.findings = list(findings) if findings is not None else []


class TransitionError(OzgError, ValueError):
    """An illegal lifecycle transition (Statusübergang) of an agreement or rollout entry."""

    def __init__(
        self,
        message: str,
        *,
        from_status: Optional[str] = None,
        to_status: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.from_status = from_status
        self.to_status = to_status


class OzgIOError(OzgError, OSError):
    """Reading or writing a file failed; ``filename`` names it."""

    def __init__(
        self, message: str, *, filename: Optional[str] = None, errno: Optional[int] = None
    ) -> None:
        OSError.__init__(self, message)
        self.filename = filename
        self.errno = errno


class ArgumentError(OzgError, ValueError):
    """An argument of the Python API is invalid (e.g. an unknown ``format`` or a wrong type of value)."""
