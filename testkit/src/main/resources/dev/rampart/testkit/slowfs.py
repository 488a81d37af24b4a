#!/usr/bin/python3
"""A pass-through FUSE file system that mirrors a backing folder and sleeps before each write,
fsync and flush for as long as its control file says (milliseconds, an integer; 0 or a missing
file: no delay). Started by dev.rampart.testkit.SlowFilesystem in the foreground:

    slowfs.py MOUNTPOINT -f -o root=BACKING,control=CONTROL_FILE

Needs the Debian package python3-fuse and /dev/fuse."""

import errno
import os
import sys
import time

import fuse
from fuse import Fuse

fuse.fuse_python_api = (0, 2)

_state = {"control": None, "mtime": None, "delay": 0.0}


def delay():
    path = _state["control"]
    try:
        mtime = os.stat(path).st_mtime_ns
        if mtime != _state["mtime"]:
            with open(path) as f:
                _state["delay"] = max(0, int(f.read().strip() or "0")) / 1000.0
            _state["mtime"] = mtime
    except (OSError, ValueError):
        _state["delay"] = 0.0
        _state["mtime"] = None
    if _state["delay"] > 0:
        time.sleep(_state["delay"])


def flag2mode(flags):
    modes = {os.O_RDONLY: "rb", os.O_WRONLY: "wb", os.O_RDWR: "wb+"}
    m = modes[flags & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR)]
    if flags & os.O_APPEND:
        m = m.replace("w", "a", 1)
    return m


class SlowFs(Fuse):
    def __init__(self, *args, **kw):
        Fuse.__init__(self, *args, **kw)
        self.root = "/"
        self.control = ""

    def getattr(self, path):
        return os.lstat("." + path)

    def readlink(self, path):
        return os.readlink("." + path)

    def readdir(self, path, offset):
        for e in [".", ".."] + os.listdir("." + path):
            yield fuse.Direntry(e)

    def unlink(self, path):
        os.unlink("." + path)

    def rmdir(self, path):
        os.rmdir("." + path)

    def symlink(self, path, path1):
        os.symlink(path, "." + path1)

    def rename(self, path, path1):
        os.rename("." + path, "." + path1)

    def link(self, path, path1):
        os.link("." + path, "." + path1)

    def chmod(self, path, mode):
        os.chmod("." + path, mode)

    def chown(self, path, user, group):
        os.chown("." + path, user, group)

    def truncate(self, path, length):
        with open("." + path, "a") as f:
            f.truncate(length)

    def mknod(self, path, mode, dev):
        os.mknod("." + path, mode, dev)

    def mkdir(self, path, mode):
        os.mkdir("." + path, mode)

    def utime(self, path, times):
        os.utime("." + path, times)

    def utimens(self, path, ts_acc, ts_mod):
        os.utime("." + path, ns=(ts_acc.tv_sec * 10**9 + ts_acc.tv_nsec, ts_mod.tv_sec * 10**9 + ts_mod.tv_nsec))

    def access(self, path, mode):
        if not os.access("." + path, mode):
            return -errno.EACCES

    def statfs(self):
        return os.statvfs(".")

    def fsinit(self):
        os.chdir(self.root)

    def main(self, *a, **kw):
        _state["control"] = self.control
        self.file_class = SlowFile
        return Fuse.main(self, *a, **kw)


class SlowFile(object):
    def __init__(self, path, flags, *mode):
        self.file = os.fdopen(os.open("." + path, flags, *mode), flag2mode(flags))
        self.fd = self.file.fileno()

    def read(self, length, offset):
        return os.pread(self.fd, length, offset)

    def write(self, buf, offset):
        delay()
        return os.pwrite(self.fd, buf, offset)

    def release(self, flags):
        self.file.close()

    def fsync(self, isfsyncfile):
        delay()
        if isfsyncfile and hasattr(os, "fdatasync"):
            os.fdatasync(self.fd)
        else:
            os.fsync(self.fd)

    def flush(self):
        os.close(os.dup(self.fd))

    def fgetattr(self):
        return os.fstat(self.fd)

    def ftruncate(self, length):
        self.file.truncate(length)


def main():
    server = SlowFs(version="%prog " + fuse.__version__, usage=__doc__, dash_s_do="setsingle")
    server.parser.add_option(mountopt="root", metavar="PATH", default="/", help="the backing folder")
    server.parser.add_option(mountopt="control", metavar="FILE", default="", help="the delay file (ms)")
    server.parse(values=server, errex=1)
    try:
        if server.fuse_args.mount_expected():
            os.chdir(server.root)
    except OSError:
        print("cannot enter the backing folder", server.root, file=sys.stderr)
        sys.exit(1)
    server.main()


if __name__ == "__main__":
    main()
