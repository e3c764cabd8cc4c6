#!/usr/bin/env python3
"""make gdb: attach gdb, with Bulkhead's helpers, to the QEMU that `make debug` started.

Usage: tools/gdb/attach.py KERNEL_ELF PORT

Says at once when nothing listens on 127.0.0.1:PORT, instead of letting gdb try to connect for
seconds. It checks by binding the port, never by connecting: QEMU's gdbstub lets a paused
machine run when a client disconnects.
"""
import os
import socket
import sys

HELPERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bulkhead.py")


def listening(port):
    """Whether something listens on the port: binding it then fails (never a connection, since
    one that closes would let a paused QEMU run)."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def main():
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        sys.exit("usage: tools/gdb/attach.py KERNEL_ELF PORT")
    elf, port = sys.argv[1], int(sys.argv[2])
    if not listening(port):
        sys.exit(f"bulkhead: nothing listens on 127.0.0.1:{port}: start the kernel under QEMU "
                 f"first, in another terminal, with `make debug` (same CONFIG, GDB_PORT={port})")
    os.execvp("gdb", ["gdb", "-q", elf, "-ex", f"source {HELPERS}",
                      "-ex", f"target remote 127.0.0.1:{port}"])


if __name__ == "__main__":
    main()
