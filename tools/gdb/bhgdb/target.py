"""Whether gdb is attached to a live kernel: QEMU may not be there yet, or may have exited.

Reading a variable with no target reads the ELF file instead (zeros for .bss), which would make
every command say "not set up yet"; a command says what is really the matter instead.
"""
import gdb

from . import kernel


def attached():
    """Whether there is a live target: an inferior with a thread (QEMU's one CPU)."""
    return gdb.selected_inferior().pid != 0 and gdb.selected_thread() is not None


def require_attached():
    if not attached():
        raise kernel.Unavailable(
            "no live target: QEMU has exited (the kernel shut down) or gdb is not attached; "
            "start one with `make debug`, then `target remote 127.0.0.1:PORT` (or `make gdb`)")
