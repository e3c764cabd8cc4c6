"""Which partition the CPU is in: the one whose page directory CR3 holds.

That is the partition whose memory (and so whose code and data at 0x40000000..) gdb sees now,
whether the CPU runs its code or the kernel runs on its behalf. Without CR3 (an old QEMU), the
current vcpu's partition; while the CPU idles in the kernel's own address space, none.
"""
import gdb

from . import kernel, objects

# CR3 under PAE: the 32-byte aligned page-directory-pointer table, PWT and PCD in bits 3 and 4
_PAGE_BASE = ~0x1f & 0xffffffff


def _cr3():
    try:
        return int(gdb.newest_frame().read_register("cr3")) & _PAGE_BASE
    except (gdb.error, ValueError):
        return None


def partition():
    """The partition (Struct("partition")) the CPU is in now, or None."""
    try:
        table = objects.partitions()
    except kernel.READ_ERRORS:
        return None
    cr3 = _cr3()
    if cr3 is not None:
        for p in table:
            if p.u("page_directory") == cr3:
                return p
        return None
    current = objects.current_vcpu()
    return None if current is None else objects.partition_of(current)
