"""Backtrace of a vcpu's guest stack, from its registers and its partition's own symbols.

Partitions are built at -O2 without frame pointers, so ebp alone cannot be trusted. The trace
scans the stack upwards from esp for return addresses (words pointing just after a call
instruction inside a code symbol of the partition's ELF). Frames the ebp chain confirms are
certain; the others are marked "?" (a stale value can look like a return address), as Linux does.
"""
import os

import gdb

from . import guest_memory, kernel

SCAN_BYTES = 8192
MAX_FRAMES = 32
_WORD = 4
_CALL_REL32 = 0xe8              # e8 rel32: 5 bytes
_CALL_REL32_LENGTH = 5
_CALL_INDIRECT = 0xff           # ff /2 r/m32: 2 to 7 bytes with ModRM, SIB and displacement
_CALL_INDIRECT_LENGTHS = (2, 3, 4, 6, 7)
_CALL_INDIRECT_REG = 2
_LONGEST_CALL = 7


class Frame:
    def __init__(self, pc, found_at, certain):
        self.pc = pc                # for frames above the first: the return address
        self.found_at = found_at    # stack address it was read from (None for the first)
        self.certain = certain


def _follows_call(p, address):
    try:
        code = guest_memory.read(p, address - _LONGEST_CALL, _LONGEST_CALL)
    except kernel.READ_ERRORS:
        return False
    if code[-_CALL_REL32_LENGTH] == _CALL_REL32:
        return True
    return any(code[-n] == _CALL_INDIRECT and code[-n + 1] >> 3 & 7 == _CALL_INDIRECT_REG
               for n in _CALL_INDIRECT_LENGTHS)


def _stack_words(p, esp):
    """The words from esp upwards, up to SCAN_BYTES or the end of what the partition maps."""
    data = bytearray()
    while len(data) < SCAN_BYTES:
        at = esp + len(data)
        size = min(SCAN_BYTES - len(data), guest_memory.PAGE - at % guest_memory.PAGE)
        try:
            data += guest_memory.read(p, at, size)
        except kernel.READ_ERRORS:
            break
    usable = len(data) - len(data) % _WORD
    return [int.from_bytes(data[i:i + _WORD], "little") for i in range(0, usable, _WORD)]


def _frame_pointer_slots(words, esp, ebp):
    """Stack addresses of return addresses along the ebp chain that stays inside `words`."""
    slots = set()
    end = esp + len(words) * _WORD
    while esp <= ebp and ebp + 2 * _WORD <= end and ebp % _WORD == 0:
        slots.add(ebp + _WORD)
        following = words[(ebp - esp) // _WORD]
        if following <= ebp:
            break
        ebp = following
    return slots


def backtrace(p, regs, symbols):
    """Frames of the guest stack of a vcpu of partition p with registers `regs`."""
    frames = [Frame(regs["eip"], None, True)]
    esp = regs["esp"]
    words = _stack_words(p, esp)
    chain = _frame_pointer_slots(words, esp, regs["ebp"])
    for i, word in enumerate(words):
        if len(frames) >= MAX_FRAMES:
            break
        at = esp + i * _WORD
        if symbols.lookup(word) and _follows_call(p, word):
            frames.append(Frame(word, at, at in chain))
    return frames


def source_line(pc, elf_path):
    """"file:line" of pc when gdb resolves it in this very ELF (bh-symbols loaded it), else ""."""
    try:
        sal = gdb.find_pc_line(pc)
    except gdb.error:
        return ""
    if not sal.symtab or not sal.line:
        return ""
    if os.path.realpath(sal.symtab.objfile.filename) != os.path.realpath(elf_path):
        return ""
    return f"{sal.symtab.filename}:{sal.line}"
