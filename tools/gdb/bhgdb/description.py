"""The kernel's description of itself (include/core/debug_info.h), and kernel objects read by it.

The kernel exports one structure, `debug_info`: the sizes of its structs, the offsets and sizes
of the fields the helpers read, and the addresses of its tables, all computed by the compiler.
The helpers find every table and field through it by the names it gives them ("vcpu.state",
"vcpu_pool"), never by the kernel's own variable names or struct paths, so a variable that moves
to another file or a field that moves to another struct changes the kernel's description
(core/debug_info.c and the DEBUG_* lines next to each static), not the helpers.

It is read from the kernel ELF gdb loaded (the structure is constant), so it is there before the
kernel runs; the objects it points at are read from the target's memory.
"""
import os

import gdb

from . import elf_symbols, kernel

SYMBOL = "debug_info"
MAGIC = 0x49444842          # DEBUG_INFO_MAGIC, "BHDI"
VERSION = 4                 # DEBUG_INFO_VERSION these helpers read
_HEADER = 20                # magic, version, entry_size, entries, entries_end
_ENTRY = 16                 # name, address, value, size
_KINDS = ("SIZE", "OFFSET", "SYMBOL", "LENGTH", "NUMBER")

_cache = {}


def _words(data, count):
    return [int.from_bytes(data[i * 4:i * 4 + 4], "little") for i in range(count)]


def _string(path, address):
    out = bytearray()
    while True:
        chunk = elf_symbols.read_loaded(path, address + len(out), 1)
        if chunk == b"\0":
            return out.decode("ascii", "replace")
        out += chunk


class Description:
    """The entries of one kernel's debug_info, by kind and name."""

    def __init__(self, path, entries):
        self.path = path
        self.entries = entries          # {(kind, name): (address, value, size)}

    def _get(self, kind, name):
        try:
            return self.entries[(kind, name)]
        except KeyError:
            raise kernel.Unavailable(
                f"the kernel's debug_info has no {kind}({name}) (the helpers expect it in "
                f"version {VERSION}; see core/debug_info.c)") from None

    def size(self, struct):
        """sizeof the struct (the stride of its arrays)."""
        return self._get("SIZE", struct)[1]

    def field(self, struct, name):
        """(offset, size) of a field of a struct."""
        _, offset, size = self._get("OFFSET", f"{struct}.{name}")
        return offset, size

    def symbol(self, name):
        """(address, size) of a table or variable."""
        address, _, size = self._get("SYMBOL", name)
        return address, size

    def length(self, name):
        """Elements of an array: a symbol's ("vcpu_pool") or a field's ("hm_log.records")."""
        return self._get("LENGTH", name)[1]

    def number(self, name):
        return self._get("NUMBER", name)[1]


def _read(path):
    address = elf_symbols.address_of(path, SYMBOL)
    if address is None:
        raise kernel.Unavailable(f"{path} has no '{SYMBOL}': not a Bulkhead kernel, or one from "
                                 "before the kernel described itself (core/debug_info.c)")
    magic, version, entry_size, first, end = _words(elf_symbols.read_loaded(path, address,
                                                                            _HEADER), 5)
    if magic != MAGIC:
        raise kernel.Unavailable(f"{path}: {SYMBOL} at 0x{address:08x} starts with "
                                 f"{magic:#010x}, not the magic {MAGIC:#010x}: not a Bulkhead "
                                 "kernel's description")
    if version != VERSION:
        raise kernel.Unavailable(
            f"{path} describes itself with {SYMBOL} version {version}, but these helpers read "
            f"version {VERSION}: use the tools/gdb of the kernel's own source tree")
    if entry_size != _ENTRY or (end - first) % _ENTRY:
        raise kernel.Unavailable(f"{path}: {SYMBOL}'s entries are {entry_size} bytes over "
                                 f"{end - first}, not {_ENTRY} each: a damaged description")
    entries = {}
    table = elf_symbols.read_loaded(path, first, end - first)
    for at in range(0, end - first, _ENTRY):
        name_at, address, value, size = _words(table[at:at + _ENTRY], 4)
        text = _string(path, name_at)
        kind, _, rest = text.partition("(")
        if kind not in _KINDS or not rest.endswith(")"):
            raise kernel.Unavailable(f"{path}: {SYMBOL} has an entry '{text}' of no known kind")
        entries[(kind, rest[:-1])] = (address, value, size)
    return Description(path, entries)


def get():
    """The Description of the kernel ELF gdb loaded (read once per file version)."""
    path = kernel.kernel_objfile().filename
    key = (path, os.path.getmtime(path))
    if key not in _cache:
        _cache[key] = _read(path)
    return _cache[key]


class Struct:
    """A kernel object of a described struct ("vcpu") at an address. Its bytes are read from
    the target at the first field asked for, so a bad address fails there, with its address."""

    def __init__(self, kind, address):
        self.kind = kind
        self.address = address
        self._data = None

    def _raw(self, name):
        offset, size = get().field(self.kind, name)
        if self._data is None:
            self._data = kernel.read_bytes(self.address, get().size(self.kind))
        return self._data[offset:offset + size]

    def u(self, name):
        """An integer field (unsigned, of the field's own size)."""
        return int.from_bytes(self._raw(name), "little")

    def s(self, name):
        """A signed integer field."""
        return int.from_bytes(self._raw(name), "little", signed=True)

    def at(self, name):
        """The address of a field."""
        return self.address + get().field(self.kind, name)[0]

    def part(self, name, kind):
        """A struct held in a field."""
        return Struct(kind, self.at(name))

    def points_to(self, name, kind):
        """The struct a pointer field points to (check u(name) for NULL first)."""
        return Struct(kind, self.u(name))

    def string(self, name):
        """The NUL-terminated string a `const char *` field points to."""
        return kernel.c_string(self.u(name))

    def items(self, name, kind):
        """The elements of an array field."""
        stride = get().size(kind)
        base = self.at(name)
        return [Struct(kind, base + i * stride) for i in range(get().length(f"{self.kind}.{name}"))]

    def words(self, name):
        """An array field of integers, as ints (each of the array's element size)."""
        raw = self._raw(name)
        n = get().length(f"{self.kind}.{name}")
        width = len(raw) // n
        return [int.from_bytes(raw[i * width:(i + 1) * width], "little") for i in range(n)]

    def enum(self, name, enum):
        """The short name of an enum field, "?(n)" out of range (names: the kernel's enum type)."""
        n = self.u(name)
        return kernel.enum_names(kernel.enum_type(enum)).get(n, f"?({n})")

    def typed(self, c_type):
        """The object as a gdb value of the kernel's own type (for the user: print it)."""
        return gdb.Value(self.address).cast(gdb.lookup_type(c_type).pointer())

    def __eq__(self, other):
        return isinstance(other, Struct) and (self.kind, self.address) == (other.kind,
                                                                             other.address)

    def __hash__(self):
        return hash((self.kind, self.address))


def variable(name, size=None):
    """The integer value of a described variable ("partition_count")."""
    address, held = get().symbol(name)
    return int.from_bytes(kernel.read_bytes(address, size or held), "little")


def table(name, kind):
    """The elements of a described array of structs ("vcpu_pool", "vcpu"); an array of arrays
    comes flat, row after row."""
    address, size = get().symbol(name)
    stride = get().size(kind)
    return [Struct(kind, address + i * stride) for i in range(size // stride)]


def words(name, width=None):
    """A described array of integers, as ints: each of the array's element size, or `width`
    bytes (an array of arrays read flat)."""
    address, size = get().symbol(name)
    raw = kernel.read_bytes(address, size)
    width = width or size // get().length(name)
    n = size // width
    return [int.from_bytes(raw[i * width:(i + 1) * width], "little") for i in range(n)]


def single(name, kind):
    """A described variable that is one struct ("hm_log")."""
    return Struct(kind, get().symbol(name)[0])
