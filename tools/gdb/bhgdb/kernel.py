"""Reading the kernel's memory, strings and enums.

Where its objects are and how they are laid out comes from the kernel's description of itself
(description.py); enum names from the enum types of its debug information. Whatever cannot be
read raises Unavailable with a sentence for the user, so a command stopped at an odd moment
prints what it can instead of a traceback.
"""
import os

import gdb


class Unavailable(Exception):
    """Something asked for cannot be shown; the message says why, for the user."""


# What reading a live kernel can raise: gdb.MemoryError is a gdb.error.
READ_ERRORS = (gdb.error, Unavailable)


def describe_error(e):
    if isinstance(e, gdb.MemoryError):
        return f"cannot read the kernel's memory ({e})"
    return str(e)


def attempt(read, problems, what, default="?"):
    """read() or `default`; a failure is added to `problems` as "what: why"."""
    try:
        return read()
    except READ_ERRORS as e:
        problems.append(f"{what}: {describe_error(e)}")
        return default


def report_problems(problems):
    for p in dict.fromkeys(problems):   # once each, in order
        gdb.write(f"  could not read {p}\n")


def kernel_objfile():
    name = gdb.current_progspace().filename
    if not name:
        raise Unavailable("no kernel ELF is loaded: start gdb with build/bulkhead.elf "
                          "(or run `file build/bulkhead.elf`)")
    for o in gdb.objfiles():
        if o.filename == name:
            return o
    raise Unavailable(f"gdb has no symbols for {name}")


_CHUNK = 16   # aligned chunks never cross a page, so a string ending before one reads fine


def c_string(pointer, limit=80):
    """The NUL-terminated string at `pointer`, cut at `limit` characters."""
    address = int(pointer)
    if address == 0:
        return "(null)"
    inferior = gdb.selected_inferior()
    out = bytearray()
    while len(out) < limit:
        at = address + len(out)
        size = _CHUNK - at % _CHUNK
        chunk = bytes(inferior.read_memory(at, size))
        end = chunk.find(b"\0")
        if end >= 0:
            out += chunk[:end]
            return out[:limit].decode("utf-8", "replace")
        out += chunk
    return out[:limit].decode("utf-8", "replace") + "..."


def read_bytes(address, size):
    return bytes(gdb.selected_inferior().read_memory(address, size))


def read_u32(address):
    return int.from_bytes(read_bytes(address, 4), "little")


# --- enums -------------------------------------------------------------------------------------

def _enumerators(enum_type):
    t = enum_type.strip_typedefs()
    if t.code != gdb.TYPE_CODE_ENUM:
        raise Unavailable(f"{enum_type} is not an enum in the kernel's debug info")
    return [(f.enumval, f.name) for f in t.fields()]


def _common_prefix(names):
    prefix = os.path.commonprefix(names)
    return prefix[:prefix.rfind("_") + 1]


# A trailing enumerator that counts the others (HM_EVENT_COUNT, BH_VINT_LINES) names no value.
_COUNT_SUFFIXES = ("_COUNT", "_LINES")


def enum_names(enum_type):
    """{value: short name} of an enum type, its common prefix dropped: VCPU_RUNNING -> RUNNING."""
    members = _enumerators(enum_type)
    if members and members[-1][1].endswith(_COUNT_SUFFIXES):
        members = members[:-1]
    prefix = _common_prefix([name for _, name in members]) if len(members) > 1 else ""
    return {value: name[len(prefix):] for value, name in members}


def enum_type(name):
    """gdb.Type of `enum name` in the kernel."""
    try:
        return gdb.lookup_type(f"enum {name}")
    except gdb.error:
        raise Unavailable(f"the kernel's debug info has no enum {name}") from None
