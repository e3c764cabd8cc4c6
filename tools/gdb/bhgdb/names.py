"""The kernel's own names for its numbers: exceptions, health events and actions, vint lines.

Strings come from the kernel's tables (trap.c's exception names, health.c's action names) so the
debugger says exactly what the kernel prints; the rest from enum types in its debug info.
"""
from . import kernel


def exception_name(vector):
    """"page fault (#PF)" for a CPU exception vector, from arch/x86/trap.c's table."""
    table = kernel.static_var("names", "arch/x86/trap.c")
    if not 0 <= vector < kernel.array_length(table):
        raise kernel.Unavailable(f"{vector} is not a CPU exception vector")
    entry = table[vector]
    return f"{kernel.c_string(entry[0])} (#{kernel.c_string(entry[1])})"


def exception_count():
    return kernel.array_length(kernel.static_var("names", "arch/x86/trap.c"))


def hm_event_name(event):
    """What health.c's event_name() says: exception names below 32, enum hm_event above."""
    if event < exception_count():
        return exception_name(event)
    names = kernel.enum_names(kernel.enum_type("hm_event"))
    if event in names:
        return names[event].lower().replace("_", " ")
    return f"event {event}"


def hm_action_name(action):
    table = kernel.static_var("action_names", "core/health.c")
    if 0 <= action < kernel.array_length(table):
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
