"""Every file the kit reads from or writes for a user goes through here.

Writing: one atomic writer (a temporary file in the target's folder, written, flushed to
disk, given the mode a normal save would give, then renamed over the target), and a
no-clobber variant that never replaces an existing file. A crash, a kill or a full disk
leaves the old file (or none), never a half-written one. Only regular files are ever
replaced: a device node, a FIFO, a socket or a folder is refused whatever `--force` says.

Reading: regular files only, with a size limit checked before the first byte is read, so
that a FIFO, a device or a link to /dev/zero is named as such instead of hanging the run.

Every failure is a `FileProblem`: a plain sentence naming the file, and a hint. It is a
`diagnostics.UserError` and an OSError, so callers that catch OSError already print
something sensible.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from pathlib import Path

from submission_kit.diagnostics import UserError

#: A temporary file of an earlier run that was killed is removed once it is this old and
#: the process that made it is gone (or, whatever the process, once it is a day old).
STALE_AFTER_SECONDS = 60.0
_ABANDONED_AFTER_SECONDS = 24 * 3600.0
_TMP_SUFFIX = ".subkit-tmp"
# Long names are cut in the temporary's name, so that a name the file system accepts
# for the target never fails only because of the temporary's longer name.
_NAME_IN_TMP = 80


class FileProblem(UserError, OSError):
    """A file that cannot be read or written, said in plain words: `message` (which names
    the file) and `hint`. A user error, and an OSError for callers that catch those."""

    def __init__(self, path: str | Path, reason: str, hint: str = "", code: int = 0) -> None:
        OSError.__init__(self, code, reason)
        self.path = str(path)
        self.reason = reason
        self.message, self.hint, self.where = f"{path}: {reason}", hint, ""


class FileTooLarge(FileProblem):
    """A file over the size limit of what it is meant to be; `size` and `limit` in bytes."""

    def __init__(self, path: str | Path, size: int, limit: int, what: str, hint: str) -> None:
        super().__init__(
            path, f"the file is {size:,} bytes, over the {limit:,}-byte limit for {what}", hint
        )
        self.size = size
        self.limit = limit


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(path: Path, mode: int, writing: bool) -> FileProblem:
    kind = _kind_of(mode)
    link = ""
    with contextlib.suppress(OSError):
        if path.is_symlink():
            link = f"a link to {os.path.realpath(path)}, which is "
    if writing:
        return FileProblem(
            path,
            f"it is {link}{kind}, not a regular file; subkit only replaces regular files"
            + (" (not even with --force)" if kind != "a folder" else ""),
            "choose another output file name",
        )
    return FileProblem(
        path, f"it is {link}{kind}, not a regular file; subkit only reads regular files",
        "give the path of the file itself",
    )  # fmt: skip


def explain(exc: OSError, path: str | Path, writing: bool) -> FileProblem:
    """`exc` (from reading or writing `path`) as a plain sentence with a hint."""
    if isinstance(exc, FileProblem):
        return exc
    path = Path(path)
    code = exc.errno or 0
    folder = path.parent if str(path.parent) else Path(".")
    if code == errno.ENAMETOOLONG:
        return FileProblem(
            path,
            "the file name is longer than the file system allows",
            "choose a shorter name (most systems allow 255 bytes per name)",
            code,
        )
    if code in (errno.ENOSPC, errno.EDQUOT):
        return FileProblem(
            path,
            "the disk is full (or your quota is used up); nothing was written"
            + (" and the file is as it was" if path.exists() else ""),
            "free some space, or write to another disk with -o",
            code,
        )
    if code == errno.EROFS:
        return FileProblem(
            path, f"the folder {folder} is on a read-only file system", "write elsewhere with -o",
            code,
        )  # fmt: skip
    if code in (errno.EACCES, errno.EPERM):
        if writing:
            return FileProblem(
                path,
                f"you may not write in the folder {folder} (permission denied)",
                "write elsewhere with -o, or ask for write access to the folder",
                code,
            )
        return FileProblem(path, "you may not read this file (permission denied)", "", code)
    if code == errno.ENOENT:
        if writing:
            return FileProblem(path, f"the folder {folder} does not exist", "create it first", code)
        return FileProblem(path, "no such file", "check the name and the folder", code)
    if code == errno.ENOTDIR:
        return FileProblem(path, "a part of the path is a file, not a folder", "", code)
    if code == errno.EISDIR:
        return FileProblem(path, "it is a folder, not a file", "give a file name", code)
    if code == errno.ELOOP:
        return FileProblem(path, "the path has too many levels of symbolic links", "", code)
    return FileProblem(path, exc.strerror or str(exc), "", code)


# --- reading -----------------------------------------------------------------------------


def read_bytes(path: str | Path, limit: int, what: str = "this file", hint: str = "") -> bytes:
    """The bytes of the regular file at `path` (a link to one is followed).

    Raises FileTooLarge when it holds more than `limit` bytes (checked before reading, and
    again while reading, for a file that grows), FileProblem for anything else: missing,
    unreadable, or not a regular file (a FIFO, a device, a folder).
    """
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise explain(exc, path, writing=False) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode, writing=False)
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit, what, hint)
        chunks: list[bytes] = []
        got = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if got > limit:
                raise FileTooLarge(path, got, limit, what, hint)
        return b"".join(chunks)
    except FileProblem:
        raise
    except OSError as exc:
        raise explain(exc, path, writing=False) from None
    finally:
        os.close(fd)


def regular_file_or_none(path: str | Path) -> bool:
    """Whether `path` exists; raises FileProblem when it exists and is not a regular file
    (following links) or cannot be looked at (a name too long, say)."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return False
        raise explain(exc, path, writing=False) from None
    if not stat.S_ISREG(mode):
        raise _not_regular(path, mode, writing=False)
    return True


# --- writing -----------------------------------------------------------------------------


def check_target(path: str | Path) -> Path:
    """Where writing `path` really writes (a link to a regular file is written through, so
    the link stays), after refusing what must never be replaced: anything that is not a
    regular file, a name too long, a folder that does not exist."""
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise explain(exc, path, writing=True) from None
    target = path
    if info is not None and stat.S_ISLNK(info.st_mode):
        target = Path(os.path.realpath(path))
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None  # a dangling link: the file it names is created
        except OSError as exc:
            raise explain(exc, path, writing=True) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, info.st_mode, writing=True)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileProblem(path, f"the folder {folder} does not exist", "create it first")
    if len(os.fsencode(target.name)) > _name_max(folder):
        raise explain(OSError(errno.ENAMETOOLONG, "File name too long"), path, writing=True)
    return target


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _new_file_mode() -> int:
    # What a normal save gives: 0666 less the umask (mkstemp alone would give 0600).
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_STALE = r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{16}" + re.escape(_TMP_SUFFIX) + "$"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive as far as we can tell
    return True


def clean_stale_temporaries(folder: Path, name: str) -> int:
    """Remove the temporaries an earlier, killed run left for `name` in `folder`; how many.

    A temporary is removed only when it is a regular file, no longer being written (older
    than STALE_AFTER_SECONDS) and its process is gone, or when it is a day old: a run
    writing the same file at this moment keeps its own.
    """
    removed = 0
    now = time.time()
    prefix = f".{name[:_NAME_IN_TMP]}."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(_TMP_SUFFIX)):
            continue
        found = re.match(_STALE, entry.name)  # compiled when a temporary is found
        if found is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        age = now - info.st_mtime
        dead = not _pid_alive(int(found["pid"]))
        if (age > STALE_AFTER_SECONDS and dead) or age > _ABANDONED_AFTER_SECONDS:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomic(path: str | Path, data: bytes, *, no_clobber: bool = False) -> Path:
    """Put `data` at `path` whole or not at all; return the path written.

    A new file gets 0666 less the umask; a replaced file keeps its mode. With `no_clobber`
    an existing file is never replaced (FileExistsError, also when one appears during
    the write). Raises FileProblem for a target that must not or cannot be written.
    """
    path = Path(path)
    target = check_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = _new_file_mode()
    if no_clobber and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, f"{path} exists", str(path))
    clean_stale_temporaries(folder, target.name)
    tmp = folder / (
        f".{target.name[:_NAME_IN_TMP]}.{os.getpid()}.{os.urandom(8).hex()}{_TMP_SUFFIX}"
    )
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise explain(exc, path, writing=True) from None
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if no_clobber:
            _link_new(tmp, target, path)
        else:
            os.replace(tmp, target)
        _sync_folder(folder)
    except FileExistsError:
        raise
    except FileProblem:
        raise
    except OSError as exc:
        raise explain(exc, path, writing=True) from None
    finally:
        # Gone after a rename; after any failure (a full disk, a kill signal turned into an
        # exception) the temporary must not stay behind.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return target


def _link_new(tmp: Path, target: Path, shown: Path) -> None:
    # A hard link fails if the target exists: no moment in which a file can be clobbered.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, f"{shown} exists", str(shown)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: the best that can be done is to look first.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, f"{shown} exists", str(shown)) from None
        os.replace(tmp, target)


def _sync_folder(folder: Path) -> None:
    # The rename is on disk only once the folder is: otherwise a power cut may undo it.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_text_atomic(path: str | Path, text: str, *, no_clobber: bool = False) -> Path:
    """`write_atomic` for text: UTF-8, line ends exactly as in `text`."""
    return write_atomic(path, text.encode("utf-8"), no_clobber=no_clobber)
