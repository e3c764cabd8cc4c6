"""Which of the kernel's CPUs gdb has selected: the one whose `current`, slot and plan the helpers
describe, as gdb's registers are that CPU's.

QEMU's gdbstub shows CPU n (its own numbering) as thread n + 1, and the kernel numbers its CPUs
the same way: the boot CPU is 0 and the others follow in the firmware's order, which is QEMU's,
as long as every CPU found starts (the banner's "N found, N started"). Where the CPU itself can
say, it decides: while the kernel runs on it, GS holds the kernel's per-CPU segment, whose base
is that CPU's arch_cpus[k]. In partition code (GS is the partition's) and in the entry stubs
before they load GS, the thread number is all there is.
"""
import gdb

from . import description, kernel


def _from_segment():
    """k when GS's base is &arch_cpus[k], else None (no gs_base register, or GS not the
    kernel's)."""
    try:
        base = int(gdb.newest_frame().read_register("gs_base")) & 0xffffffff
    except (gdb.error, ValueError):
        return None
    address, size = description.get().symbol("arch_cpus")
    stride = description.get().size("arch_cpu")
    offset = base - address
    if 0 <= offset < size and offset % stride == 0:
        return offset // stride
    return None


def _from_thread():
    """QEMU's CPU number of the selected thread: its thread id (ptid's lwp) - 1."""
    thread = gdb.selected_thread()
    if thread is None:
        raise kernel.Unavailable("gdb has no thread selected (no live target)")
    return thread.ptid[1] - 1


def index():
    """The kernel's index of the CPU gdb has selected."""
    found = _from_segment()
    if found is None:
        found = _from_thread()
    known = description.get().length("cpus")
    if not 0 <= found < known:
        raise kernel.Unavailable(f"gdb's thread {found + 1} is CPU {found}, but the kernel has "
                                 f"cpus[{known}] (CONFIG_MAX_CPUS)")
    return found


def thread_of(cpu_index):
    """gdb's thread id (QEMU's numbering) of the kernel's CPU cpu_index."""
    return cpu_index + 1
