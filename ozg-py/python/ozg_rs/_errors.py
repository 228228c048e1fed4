"""Exception classes of ``ozg_rs``: one base, :class:`OzgError`, and a subclass per failure.

They are plain Python classes (not ``create_exception!`` types) so that they carry fields and
pickle: every field is a keyword argument of ``__init__`` stored as an attribute, and
``BaseException.__reduce__`` restores both the message (``args``) and the fields (``__dict__``).
The Rust extension raises them through one mapping function (``ozg-py/src/error.rs``).
"""

from __future__ import annotations

import errno as _errno
from typing import Any, Dict, List, Optional

__all__ = [
    "OzgError",
    "InvalidIdentifierError",
    "CodeError",
    "XmlSyntaxError",
    "ParseError",
    "ValidationError",
    "TransitionError",
    "OzgIOError",
    "OzgFileNotFoundError",
    "OzgFileExistsError",
    "OzgPermissionError",
    "OzgIsADirectoryError",
    "OzgNotADirectoryError",
    "EncodingError",
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
    """Reading or writing a file failed: ``OzgIOError(errno, strerror, filename)`` like ``OSError``.

    ``errno`` is the OS error number (``None`` where the OS gave none), ``strerror`` the reason and
    ``filename`` the file. Created with an errno that Python maps to an ``OSError`` subclass, the
    instance is also of that subclass: ``FileNotFoundError`` for ``ENOENT``, ``PermissionError``,
    ``IsADirectoryError``, … (``OzgFileNotFoundError`` and so on).
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> "OzgIOError":
        if cls is OzgIOError and args and isinstance(args[0], int):
            cls = _IO_SUBCLASSES.get(args[0], cls)
        return super().__new__(cls, *args, **kwargs)


def _io_subclass(base: type) -> type:
    name = "Ozg" + base.__name__
    doc = f"An :class:`OzgIOError` that is also a :class:`{base.__name__}`."
    return type(name, (OzgIOError, base), {"__doc__": doc, "__module__": __name__})


OzgFileNotFoundError = _io_subclass(FileNotFoundError)
OzgFileExistsError = _io_subclass(FileExistsError)
OzgPermissionError = _io_subclass(PermissionError)
OzgIsADirectoryError = _io_subclass(IsADirectoryError)
OzgNotADirectoryError = _io_subclass(NotADirectoryError)

_IO_SUBCLASSES: Dict[int, type] = {
    _errno.ENOENT: OzgFileNotFoundError,
    _errno.EEXIST: OzgFileExistsError,
    _errno.EACCES: OzgPermissionError,
    _errno.EPERM: OzgPermissionError,
    _errno.EISDIR: OzgIsADirectoryError,
    _errno.ENOTDIR: OzgNotADirectoryError,
}


class EncodingError(OzgError, UnicodeError):
    """A file or text that is not UTF-8; a ``UnicodeError`` (so a ``ValueError``) saying where.

    ``filename`` names the file, ``offset`` is the 0-based byte offset of the first invalid byte,
    ``line``/``column`` its 1-based position.
    """

    def __init__(
        self,
        message: str,
        *,
        filename: Optional[str] = None,
        offset: Optional[int] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.filename = filename
        self.offset = offset
        self.line = line
        self.column = column


class ArgumentError(OzgError, ValueError):
    """An argument of the Python API is invalid (e.g. an unknown ``format`` or a wrong type of value)."""
