"""The kernel's own names for its numbers: exceptions, health events and actions, vint lines.

Strings come from the kernel's tables (its exception names and health-monitor action names, found
through its description) so the debugger says exactly what the kernel prints; the rest from enum
types in its debug info.
"""
from . import description, kernel

POINTER = 4     # bytes, i686


def _strings(table):
    """The char pointers of a described table of strings, as ints, read flat."""
    return description.words(table, POINTER)


def exception_name(vector):
    """"page fault (#PF)" for a CPU exception vector, from the kernel's table of {name,
    mnemonic} per vector."""
    if not 0 <= vector < exception_count():
        raise kernel.Unavailable(f"{vector} is not a CPU exception vector")
    pointers = _strings("exception_names")
    return f"{kernel.c_string(pointers[2 * vector])} (#{kernel.c_string(pointers[2 * vector + 1])})"


def exception_count():
    return description.get().length("exception_names")


def hm_event_name(event):
    """What health.c's event_name() says: exception names below 32, enum hm_event above."""
    if event < exception_count():
        return exception_name(event)
    names = kernel.enum_names(kernel.enum_type("hm_event"))
    if event in names:
        return names[event].lower().replace("_", " ")
    return f"event {event}"


def hm_action_name(action):
    table = _strings("action_names")
    if 0 <= action < len(table):
        return kernel.c_string(table[action])
    return f"action {action}"


def vint_lines(bits):
    """Names of the virtual interrupt lines set in `bits` (enum bh_vint_line), lowest first."""
    names = kernel.enum_names(kernel.enum_type("bh_vint_line"))
    out = []
    while bits:
        line = (bits & -bits).bit_length() - 1
        out.append(names.get(line, f"line{line}"))
        bits &= bits - 1
    return out


def vint_bits(bits):
    """"0xa (WINDOW_START DOORBELL)", or "0x0"."""
    if not bits:
        return "0x0"
    return f"{bits:#x} ({' '.join(vint_lines(bits))})"


def hypercall_name(number):
    names = kernel.enum_names(kernel.enum_type("bh_hypercall"))
    return names.get(number)
