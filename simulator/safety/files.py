"""Reading and writing files that may be hostile: links, devices, FIFOs, endless streams.

A reader opens without blocking, checks that what it opened is a regular file, and reads at most
a limit: a `.yaml` link to `/dev/zero` or a FIFO in a library is refused at once instead of
growing or hanging. A writer never follows a link at the final name, never writes into a device
or FIFO, and never replaces a file that exists unless told to: the text goes to a new private
file beside the target (O_EXCL), which is renamed into place only when complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)


class UnsafeFile(OSError):
    """A path that is not a regular file, or one larger than its limit; `strerror` says which."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UnsafeFile or OSError otherwise.

    Links are followed (a library may link its files), but what they lead to must be a file.
    """
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(path, f"{kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise UnsafeFile(path, f"{info.st_size:,} bytes, over the {limit:,}-byte limit")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise UnsafeFile(path, f"over the {limit:,}-byte limit")
        return b"".join(chunks)
    finally:
        os.close(fd)


class FileExists(OSError):
    """The target exists and `force` was not given."""


def write_new(path: Path, data: bytes, *, force: bool = False, mode: int = 0o600) -> None:
    """Write `data` to `path` as a new regular file readable by its owner only.

    Refuses (OSError with a message) when `path` is a link, a folder, a device, a FIFO or a
    socket, and when it is an existing file unless `force`. A failed write leaves no trace and
    never half overwrites an earlier file.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeFile(path, "a symbolic link; Upward never writes through one, give "
                                   "the real file name")
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(path, f"{kind_of(info.st_mode)}; give the name of a regular file")
        if not force:
            raise FileExists(errno.EEXIST, "the file exists; give --force to replace it, or "
                                           "another name", str(path))
    folder = path.parent
    temp = None
    for attempt in range(100):
        candidate = folder / f".{path.name}.{os.getpid()}.{attempt}.tmp"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
        except FileExistsError:
            continue
        temp = candidate
        break
    if temp is None:
        raise FileExists(errno.EEXIST, "no free temporary name beside it", str(path))
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if force:
            temp.replace(path)  # a link or device swapped in meanwhile is replaced, not used
        else:
            # link() fails if the name was taken meanwhile, where rename() would replace it.
            try:
                os.link(temp, path, follow_symlinks=False)
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
                    raise
                temp.rename(path)  # a filesystem without hard links
            else:
                temp.unlink()
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
