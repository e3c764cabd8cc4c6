"""A partition's memory as the partition sees it, whichever address space the CPU is in now.

All partitions are linked at the same virtual address, so gdb's view (through the current CR3)
shows only the running one. These helpers walk the partition's own page directory instead and
read the physical pages through the kernel's 1:1 map of RAM (arch_phys_to_virt).
"""
from . import kernel

# x86 PAE paging, architectural: a 4-entry page-directory-pointer table (the aspace's
# page_directory, loaded into CR3), directories and tables of 512 8-byte entries.
PAGE = 4096
LARGE_PAGE = 2 << 20
GIB = 1 << 30
ENTRIES = 512
PRESENT = 1 << 0
WRITE = 1 << 1
USER = 1 << 2
LARGE = 1 << 7
FRAME = ~(PAGE - 1) & 0xffffffff            # the kernel keeps every table below 4 GiB
LARGE_FRAME = ~(LARGE_PAGE - 1) & 0xffffffff


def _pdpt(p):
    pdpt = p.u("page_directory")
    if pdpt == 0:
        raise kernel.Unavailable(f"partition '{p.string('name')}' has no address space yet")
    return pdpt


def _entries(table_address, count=ENTRIES):
    raw = kernel.read_bytes(table_address, count * 8)
    return [int.from_bytes(raw[i:i + 8], "little") for i in range(0, len(raw), 8)]


def _entry(table_address, index):
    return int.from_bytes(kernel.read_bytes(table_address + index * 8, 8), "little")


def leaf(p, address):
    """The entry that maps a partition virtual address for it (a 2 MiB directory entry or a page
    table entry), or None if it is unmapped for the partition."""
    pdpte = _entry(_pdpt(p), address // GIB)
    if not pdpte & PRESENT:
        return None
    pde = _entry(pdpte & FRAME, address // LARGE_PAGE % ENTRIES)
    if not pde & PRESENT or not pde & USER or pde & LARGE:
        return pde if pde & PRESENT and pde & USER else None
    pte = _entry(pde & FRAME, address // PAGE % ENTRIES)
    return pte if pte & PRESENT and pte & USER else None


def translate(p, address):
    """The physical address behind a partition virtual address, or None if unmapped for it."""
    entry = leaf(p, address)
    if entry is None:
        return None
    if entry & LARGE:
        return (entry & LARGE_FRAME) | (address % LARGE_PAGE)
    return (entry & FRAME) | (address % PAGE)


def read(p, address, size):
    """size bytes of the partition at `address`; Unavailable where it has no user mapping."""
    out = bytearray()
    while len(out) < size:
        at = address + len(out)
        physical = translate(p, at)
        if physical is None:
            raise kernel.Unavailable(f"0x{at:08x} is not mapped in partition "
                                     f"'{p.string('name')}'")
        n = min(size - len(out), PAGE - at % PAGE)
        out += kernel.read_bytes(physical, n)
    return bytes(out)


def user_range(p, below=1 << 32):
    """(first, end) of the partition's user mapping below `below`: its virtual base and one past
    its last page. None when nothing is mapped (its address space is not built yet)."""
    first = end = None
    for g, pdpte in enumerate(_entries(_pdpt(p), 4)):
        if not pdpte & PRESENT:
            continue
        for i, pde in enumerate(_entries(pdpte & FRAME)):
            if not pde & PRESENT or not pde & USER:
                continue
            at = g * GIB + i * LARGE_PAGE
            if pde & LARGE:
                pages = [(at, LARGE_PAGE)]
            else:
                pages = [(at + j * PAGE, PAGE) for j, pte in enumerate(_entries(pde & FRAME))
                         if pte & PRESENT and pte & USER]
            for start, size in pages:
                if start >= below:
                    return None if first is None else (first, end)
                first = start if first is None else first
                end = start + size
    return None if first is None else (first, end)
