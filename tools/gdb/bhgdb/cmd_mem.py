"""bh-mem PARTITION ADDRESS [COUNT]: a partition's memory at its own virtual addresses."""
import re

import gdb

from . import elf_symbols, guest_memory, images, kernel, objects
from .command import Subcommand

_WORD = 4
_PER_LINE = 4
_SYMBOL = re.compile(r"^&?([A-Za-z_]\w*)\s*(?:([+-])\s*(0x[0-9a-fA-F]+|\d+))?$")


class Mem(Subcommand):
    """Words of a partition's memory, read through its own page directory.

Usage: bh-mem PARTITION ADDRESS [COUNT]
       PARTITION  a name or an id
       ADDRESS    a symbol of that partition's ELF (with & or without, + or - an offset), or an
                  expression gdb evaluates to an address (0x40002000, $esp + 16)
       COUNT      32-bit words to show (default 1)
e.g. bh-mem logger received, bh-mem 1 0x40002000 8

Every partition sees its memory at 0x40000000, so gdb's own x and print show only the partition
whose address space is loaded now; bh-mem walks the chosen partition's page tables instead and
reads its physical pages, whichever partition (or the kernel) runs. Symbols come from that
partition's ELF whatever gdb has loaded. An address the partition does not map says so."""
    name = "mem"

    def run(self, arg):
        words = arg.split(None, 1)
        if len(words) != 2:
            gdb.write("usage: bh-mem PARTITION ADDRESS [COUNT]\n")
            return
        p = objects.partition(words[0])
        rest = words[1].rsplit(None, 1)
        count = 1
        if len(rest) == 2 and rest[1].isdigit():
            expression, count = rest[0], int(rest[1])
        else:
            expression = words[1]
        image, = images.partition_images(str(p.u("id")))
        address = self._address(expression, image.path())
        data = guest_memory.read(p, address, count * _WORD)
        gdb.write(f"partition {objects.partition_label(p)}, {count} word{'s' * (count != 1)} "
                  f"from 0x{address:08x}:\n")
        symbols = elf_symbols.symbols_of(image.path())
        for line in range(0, count, _PER_LINE):
            at = address + line * _WORD
            found = symbols.lookup(at)
            where = (f" <{found[0]}+{found[1]}>" if found[1] else f" <{found[0]}>") if found else ""
            cells = [f"0x{int.from_bytes(data[i * _WORD:(i + 1) * _WORD], 'little'):08x}"
                     for i in range(line, min(count, line + _PER_LINE))]
            gdb.write(f"0x{at:08x}{where}:  {'  '.join(cells)}\n")

    @staticmethod
    def _address(expression, path):
        m = _SYMBOL.match(expression.strip())
        if m:
            base = elf_symbols.address_of(path, m.group(1))
            if base is not None:
                offset = int(m.group(3), 0) if m.group(3) else 0
                return base + (-offset if m.group(2) == "-" else offset)
        try:
            return int(gdb.parse_and_eval(expression)) & 0xffffffff
        except gdb.error as e:
            raise kernel.Unavailable(f"{expression}: not a symbol of {path}, and gdb says: {e}") \
                from None
