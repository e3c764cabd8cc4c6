"""The interrupt vectors as the kernel's IDT sets them up (found through its description).

A vcpu's saved context records the vector it entered the kernel by; the gate for that vector
says what it was: a CPU exception, a hardware line, or the one gate ring 3 may raise (the
hypercall gate, DPL 3).
"""
import gdb

from . import description, kernel, names

_DPL_SHIFT = 5          # descriptor privilege level: bits 5-6 of a gate's type byte
_DPL_MASK = 3
_USER_PRIVILEGE = 3


def _gate(vector):
    table = description.table("idt", "idt_gate")
    if not 0 <= vector < len(table):
        raise kernel.Unavailable(f"vector {vector} is outside the IDT")
    gate = table[vector]
    handler = gate.u("offset_low") | gate.u("offset_high") << 16
    dpl = gate.u("type_attr") >> _DPL_SHIFT & _DPL_MASK
    return handler, dpl


def _symbol(address):
    text = gdb.execute(f"info symbol {address:#x}", to_string=True).strip()
    if text.startswith("No symbol"):
        return f"{address:#x}"
    return text.split(" in section ")[0]


def is_hypercall_gate(vector):
    handler, dpl = _gate(vector)
    return handler != 0 and dpl == _USER_PRIVILEGE


def describe(vector):
    """"page fault (#PF)", "hypercall_entry, the hypercall gate" or "isr_32"."""
    if vector < names.exception_count():
        return names.exception_name(vector)
    handler, dpl = _gate(vector)
    if handler == 0:
        return "no gate in the IDT"
    if dpl == _USER_PRIVILEGE:
        return f"{_symbol(handler)}, the hypercall gate"
    return _symbol(handler)
