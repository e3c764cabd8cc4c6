"""Function (and data) symbols of a partition ELF, read from its own symbol table.

gdb cannot say which partition an address belongs to (they all share 0x40000000 onwards), so the
guest backtrace names addresses from the one ELF the vcpu's partition runs.
"""
import bisect
import os
import struct

from . import kernel

_ELF_MAGIC = b"\x7fELF"
_CLASS_32 = 1
_LITTLE_ENDIAN = 1
_SHT_PROGBITS = 1
_SHT_SYMTAB = 2
_SHF_EXECINSTR = 0x4
_STT_NOTYPE = 0
_STT_OBJECT = 1
_STT_FUNC = 2

_cache = {}


class FunctionTable:
    def __init__(self, symbols):
        symbols = sorted(symbols)                     # (address, size, name)
        self.entries = []
        for k, (start, size, name) in enumerate(symbols):
            # assembly labels have no size: they run up to the next symbol
            following = symbols[k + 1][0] if k + 1 < len(symbols) else start + 1
            self.entries.append((start, start + size if size else following, name))
        self.starts = [e[0] for e in self.entries]

    def lookup(self, address):
        """(name, offset) of the code symbol holding `address`, or None."""
        i = bisect.bisect_right(self.starts, address) - 1
        if i >= 0 and address < self.entries[i][1]:
            return self.entries[i][2], address - self.entries[i][0]
        return None


def _parse(data, path):
    if data[:4] != _ELF_MAGIC or data[4] != _CLASS_32 or data[5] != _LITTLE_ENDIAN:
        raise kernel.Unavailable(f"{path} is not a 32-bit little-endian ELF")
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x2e)
    sections = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize)
                for i in range(shnum)]
    code, every, named = [], [], {}
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind != _SHT_SYMTAB:
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, entsize):
            st_name, value, st_size, st_info, _, shndx = struct.unpack_from("<IIIBBH", data, at)
            defined = 0 < shndx < len(sections)
            if not defined or st_info & 0xf not in (_STT_FUNC, _STT_OBJECT, _STT_NOTYPE) \
                    or not st_name:
                continue
            start = strings + st_name
            label = data[start:data.index(b"\0", start)].decode("utf-8", "replace")
            named.setdefault(label, value)
            every.append((value, st_size, label))
            if sections[shndx][2] & _SHF_EXECINSTR and st_info & 0xf != _STT_OBJECT:
                code.append((value, st_size, label))
    if not code:
        raise kernel.Unavailable(f"{path} has no code symbols (stripped?)")
    loaded = [(address, offset, size) for _, kind, _, address, offset, size, *_ in sections
              if kind == _SHT_PROGBITS and address]
    return FunctionTable(code), FunctionTable(every), named, (data, loaded)


def _read(path):
    key = (path, os.path.getmtime(path))
    if key not in _cache:
        with open(path, "rb") as f:
            _cache[key] = _parse(f.read(), path)
    return _cache[key]


def functions_of(path):
    """The FunctionTable of the ELF at `path`, re-read when the file changes."""
    return _read(path)[0]


def symbols_of(path):
    """A FunctionTable of every code and data symbol of the ELF at `path`."""
    return _read(path)[1]


def address_of(path, name):
    """The address of symbol `name` (code or data) in the ELF at `path`, or None."""
    return _read(path)[2].get(name)


def read_loaded(path, address, size):
    """size bytes the ELF at `path` loads at `address` (from a section with contents), as the
    file holds them; Unavailable where no such section holds them all."""
    data, loaded = _read(path)[3]
    for start, offset, length in loaded:
        if start <= address and address + size <= start + length:
            at = offset + address - start
            return data[at:at + size]
    raise kernel.Unavailable(f"{path} loads nothing at 0x{address:08x}..0x{address + size:08x}")
