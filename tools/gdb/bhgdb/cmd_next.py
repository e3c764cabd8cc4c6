"""bh-next [N]: gdb's `next` for partition code, stepping over hypercalls (int $0x80).

gdb's own `next` single-steps the int instruction into the kernel's entry stub, and from there
puts its step-resume breakpoint at an address that every partition runs. bh-next steps the line
one instruction at a time itself; a hypercall or a call it runs to its return address on a
breakpoint that stops only for the same vcpu with the same stack pointer (the kernel and the
other partitions run meanwhile, as they would without a debugger).
"""
import re

import gdb

from . import follow, kernel, objects, registers, running, target
from .command import Subcommand

MAX_INSTRUCTIONS = 2000     # one line; a line that spins (a busy-wait) gives up after this
MAX_DEPTH = 64              # frames walked to place a frame relative to the starting one


_ROW = re.compile(r"^\d+\s+(\d+|END)\s+(0x[0-9a-f]+)\s+(Y?)", re.M)
_statements_cache = {}


def _statements(symtab):
    """{address: line} where a statement starts (the line table's is_stmt entries), which is
    where gdb's own `next` stops; at -O2 the other entries interleave the lines of scheduled
    code. gdb's Python has no is_stmt, so this reads `maint info line-table`."""
    key = (symtab.objfile.filename, symtab.fullname())
    if key not in _statements_cache:
        text = gdb.execute(f"maint info line-table {re.escape(symtab.filename)}$",
                           to_string=True)
        starts = {}
        for block in text.split("objfile: ")[1:]:
            if not block.startswith(symtab.objfile.filename + " ") or \
                    f"symtab: {symtab.fullname()} " not in block:
                continue
            for line, address, stmt in _ROW.findall(block):
                if stmt and line != "END":
                    starts[int(address, 16)] = int(line)
        _statements_cache[key] = starts
    return _statements_cache[key]


def _statement_line(frame):
    """The line whose statement starts at the frame's pc, or None inside a statement."""
    pc = frame.pc()
    sal = frame.find_sal()
    if sal.symtab is None or not sal.line:
        return None
    starts = _statements(sal.symtab)
    if starts:
        return starts.get(pc)
    return sal.line if sal.pc == pc else None     # no is_stmt table: line-table starts


def _relation(frame, start):
    """(relation, the frame in frame's chain that is start, whether only inline frames lie
    between): relation "same", "inner" (called from start, or inlined into it) or "outer"
    (start returned)."""
    f, depth, inlined = frame, 0, True
    while f is not None and depth < MAX_DEPTH:
        if f == start:
            return ("same" if depth == 0 else "inner"), f, inlined
        inlined = inlined and f.type() == gdb.INLINE_FRAME
        try:
            f = f.older()
        except gdb.error:
            break
        depth += 1
    return "outer", None, False


class _Quiet:
    """gdb prints every stop, even of a stepi run from Python with to_string: while bh-next
    steps, "set suppress-cli-notifications on" keeps those quiet. What bh-next itself has to say
    is written after it ends."""

    def __enter__(self):
        self.saved = gdb.parameter("suppress-cli-notifications")
        gdb.execute("set suppress-cli-notifications on")
        return self

    def __exit__(self, *exc):
        gdb.execute(f"set suppress-cli-notifications {'on' if self.saved else 'off'}")
        for line in _said:
            gdb.write(line)
        _said.clear()
        return False


_said = []


def _say(text):
    """Something for the user, written once the quiet stepping ends."""
    _said.append(text)


def _inlined_call_starts(frame, outer):
    """Whether the pc is where the call inlined directly into `outer` begins (the entry of
    that inlined function's block)."""
    f = frame
    while f.older() is not None and f.older() != outer:
        f = f.older()
    block = f.block()
    while block is not None and block.function is None:
        block = block.superblock
    return block is not None and block.start == frame.pc()


class _ReturnBreakpoint(gdb.Breakpoint):
    """Where an instruction bh-next runs over returns: stops only for that vcpu (a struct vcpu
    address) with that stack pointer, so neither another partition at the same address nor a
    recursive call of the same code stops it."""

    def __init__(self, address, vcpu, esp):
        super().__init__(f"*{address:#x}", internal=True, temporary=True)
        self.silent = True
        self.vcpu = vcpu
        self.esp = esp

    def stop(self):
        try:
            return objects.current() == self.vcpu and _esp() == self.esp
        except kernel.READ_ERRORS:
            return True


def _esp():
    return int(gdb.newest_frame().read_register("esp")) & 0xffffffff


class Next(Subcommand):
    """Step to the next line of this partition's code, over calls and hypercalls.

Usage: bh-next [N]      N lines (default 1)

Like gdb's `next`, but a hypercall (int $0x80) is stepped over instead of into the kernel: the
step stops at the next line of the same partition and the same vcpu, even when the hypercall
blocks and other vcpus or partitions run first. Calls are stepped over the same way, so a
function that makes hypercalls is stepped over too. Runs only while the CPU runs partition code
(stopped at a bh-break, say). A line that runs more than 2000 instructions (a busy loop) stops
where it got to, and says so."""
    name = "next"

    def run(self, arg):
        if arg and not arg.isdigit():
            gdb.write("usage: bh-next [N]\n")
            return
        if not registers.in_partition_code():
            raise kernel.Unavailable(
                "the CPU is in the kernel, not in partition code (use next/step/finish there, "
                "or continue to a bh-break in the partition)")
        p = running.partition()
        if p is None:
            raise kernel.Unavailable("no partition's address space is loaded")
        follow.load_only(follow.image_of(p))
        vcpu = objects.current()
        with _Quiet():
            for _ in range(int(arg or 1)):
                if not self._line(vcpu):
                    return
        gdb.execute("frame")

    def _line(self, vcpu):
        """Steps one line; False (having said why) if it stopped for another reason."""
        start = gdb.selected_frame()
        sal = start.find_sal()
        if sal.symtab is None or not sal.line:
            raise kernel.Unavailable("no line information here (use stepi or nexti)")
        origin = (sal.symtab.fullname(), sal.line)
        origin_starts = _statements(sal.symtab)
        for _ in range(MAX_INSTRUCTIONS):
            if not self._instruction(vcpu):
                return False
            frame = gdb.newest_frame()
            relation, match, inlined = _relation(frame, start)
            if relation == "outer":
                if _statement_line(frame) is not None:
                    return True
            elif relation == "same":
                line = _statement_line(frame)
                if line is not None and (frame.find_sal().symtab.fullname(), line) != origin:
                    return True
            elif inlined:
                # code inlined into the starting function: stop where a statement of that
                # function begins, or where the inlined call begins (at the line of the call,
                # in the starting frame), as gdb's `next` does
                line = origin_starts.get(frame.pc())
                if line is None and _inlined_call_starts(frame, match):
                    line = match.find_sal().line
                if line is not None and line != origin[1]:
                    match.select()
                    return True
        _say(f"bh-next: still in line {origin[1]} after {MAX_INSTRUCTIONS} instructions "
             "(a loop?); stopped here\n")
        return True

    @staticmethod
    def _instruction(vcpu):
        """Runs the instruction at pc: single-steps it, or runs a hypercall or a call to its
        return. False (having said why) if the CPU stopped anywhere else."""
        frame = gdb.newest_frame()
        pc = frame.pc()
        insn = frame.architecture().disassemble(pc)[0]
        asm = insn["asm"].split()
        over = asm[0] in ("call", "calll") or (asm[0] == "int" and asm[1:] == ["$0x80"])
        if not over:
            gdb.execute("stepi", to_string=True)
        else:
            resume = pc + insn["length"]
            bp = _ReturnBreakpoint(resume, vcpu, _esp())
            try:
                gdb.execute("continue", to_string=True)
            finally:
                if bp.is_valid():
                    bp.delete()
            if not target.attached():
                _say("bh-next: the target exited\n")
                return False
            if gdb.newest_frame().pc() != resume or objects.current() != vcpu:
                _say("bh-next: stopped elsewhere before the step ended:\n")
                _say(gdb.execute("frame", to_string=True))
                return False
        if not registers.in_partition_code():
            _say("bh-next: the instruction entered the kernel (a fault or an interrupt); "
                 "stopped there:\n")
            _say(gdb.execute("frame", to_string=True))
            return False
        return True
