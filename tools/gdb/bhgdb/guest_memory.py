"""A partition's memory as the partition sees it, whichever address space the CPU is in now.

All partitions are linked at the same virtual address, so gdb's view (through the current CR3)
shows only the running one. These helpers walk the partition's own page directory instead and
read the physical pages through the kernel's 1:1 map of RAM (arch_phys_to_virt).
"""
from . import kernel

# x86 two-level paging, architectural.
PAGE = 4096
LARGE_PAGE = 4 << 20
ENTRIES = 1024
PRESENT = 1 << 0
USER = 1 << 2
LARGE = 1 << 7
FRAME = ~(PAGE - 1) & 0xffffffff
LARGE_FRAME = ~(LARGE_PAGE - 1) & 0xffffffff


def _directory(p):
    directory = int(p["aspace"]["page_directory"])
    if directory == 0:
        raise kernel.Unavailable(f"partition '{kernel.c_string(p['name'])}' has no address "
                                 "space yet")
    return directory


def _entries(table_address):
    raw = kernel.read_bytes(table_address, ENTRIES * 4)
    return [int.from_bytes(raw[i:i + 4], "little") for i in range(0, len(raw), 4)]


def translate(p, address):
    """The physical address behind a partition virtual address, or None if unmapped for it."""
    pde = kernel.read_u32(_directory(p) + (address // LARGE_PAGE) * 4)
    if not pde & PRESENT or not pde & USER:
        return None
    if pde & LARGE:
        return (pde & LARGE_FRAME) | (address % LARGE_PAGE)
    pte = kernel.read_u32((pde & FRAME) + (address // PAGE % ENTRIES) * 4)
    if not pte & PRESENT or not pte & USER:
        return None
    return (pte & FRAME) | (address % PAGE)


def read(p, address, size):
    """size bytes of the partition at `address`; Unavailable where it has no user mapping."""
    out = bytearray()
    while len(out) < size:
        at = address + len(out)
        physical = translate(p, at)
        if physical is None:
            raise kernel.Unavailable(f"0x{at:08x} is not mapped in partition "
                                     f"'{kernel.c_string(p['name'])}'")
        n = min(size - len(out), PAGE - at % PAGE)
        out += kernel.read_bytes(physical, n)
    return bytes(out)


def user_range(p):
    """(first, end) of the partition's user mapping: its virtual base and one past its last
    page. None when nothing is mapped (its address space is not built yet)."""
    first = end = None
    for i, pde in enumerate(_entries(_directory(p))):
        if not pde & PRESENT or not pde & USER:
            continue
        if pde & LARGE:
            pages = [(i * LARGE_PAGE, LARGE_PAGE)]
        else:
            pages = [(i * LARGE_PAGE + j * PAGE, PAGE)
                     for j, pte in enumerate(_entries(pde & FRAME))
                     if pte & PRESENT and pte & USER]
        for start, size in pages:
            first = start if first is None else first
            end = start + size
    return None if first is None else (first, end)
