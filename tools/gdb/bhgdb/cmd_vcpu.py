"""bh-vcpu N [bt]: one vcpu in full, or a backtrace of its guest stack."""
import gdb

from . import (clock, description, elf_symbols, idt, images, kernel, names, objects, registers,
               selected_cpu, stack_trace)
from .command import Subcommand

# arch_vcpu.c fills every kernel stack with this byte when the pool slot is allocated
# (KERNEL_STACK_PATTERN): what still holds it was never used.
KERNEL_STACK_PATTERN = 0xa5


class Vcpu(Subcommand):
    """One vcpu in full: registers, virtual interrupts, timer, wait, stats, kernel stack.

Usage: bh-vcpu N        N: the vcpu's global id (the id column of bh-vcpus)
       bh-vcpu N bt     backtrace of its guest stack

registers   live from the CPU when the CPU runs this vcpu's code, else as the kernel saved
            them (the context arch_vcpu.regs points to) at its last entry, with the vector of that entry
            (live only from the CPU gdb has selected: a vcpu running on another CPU shows its
            saved ones; select that CPU's thread to see them live)
kernel stack   its range and the deepest it was ever used (bytes no longer holding the fill
               pattern of arch_vcpu.c)
bt          frames from its registers and its partition's own ELF symbol table (found under
            build/partitions/), so names are right even though every partition uses the same
            addresses; file:line where gdb resolves the address in that ELF (after bh-symbols).
            Frames marked "?" come from scanning the stack and may be stale."""
    name = "vcpu"

    def run(self, arg):
        words = arg.split()
        if not words or not words[0].isdigit() or len(words) > 2 or words[1:] not in ([], ["bt"]):
            gdb.write("usage: bh-vcpu N [bt]   (N: a global vcpu id, see bh-vcpus)\n")
            return
        v = objects.vcpu(int(words[0]))
        if words[1:] == ["bt"]:
            self._backtrace(v)
        else:
            self._describe(v)

    def _describe(self, v):
        """Each part on its own: one that cannot be read says so in its place."""
        for what, show in (("its identity", self._identity), ("its registers", self._registers),
                           ("its virtual interrupts", self._interrupts),
                           ("its timer", self._timer), ("its wait", self._wait),
                           ("its stats", self._stats), ("its kernel stack", self._kernel_stack)):
            problems = []
            kernel.attempt(lambda: show(v), problems, what, default=None)
            kernel.report_problems(problems)

    @staticmethod
    def _identity(v):
        p = objects.partition_of(v)
        several = objects.several_cpus()
        where = ""
        if objects.is_current(v):
            on = " on the selected cpu" if several else ""
            where = (f"  <- current{on}, the CPU runs its code" if registers.runs_in_cpu(v)
                     else f"  <- current{on}, the CPU is in the kernel on its behalf")
        elif several and objects.current_elsewhere(v) is not None:
            k = objects.current_elsewhere(v)
            where = f"  <- current on cpu {k} (gdb's thread {selected_cpu.thread_of(k)})"
        gdb.write(f"vcpu {v.u('id')}: partition {objects.partition_label(p)}, vcpu "
                  f"{v.u('index')} of {p.u('vcpu_count')}, priority {v.u('priority')}, "
                  + (f"cpu {v.u('cpu')}, " if several else "") +
                  f"state {v.enum('state', 'vcpu_state')}{where}\n")

    @staticmethod
    def _registers(v):
        regs, source = registers.of_vcpu(v)
        gdb.write(f"registers ({source}):\n")
        for line in registers.format_registers(regs):
            gdb.write(f"  {line}\n")
        context = registers.context_of(v)
        vector, error = registers.entry_of(context)
        what = idt.describe(vector)
        if vector == 0 and error == 0:
            what += ", or no entry yet: a vcpu's fresh context holds vector 0"
        gdb.write(f"  last entry: vector {vector} ({what}), error code {error:#x}\n")
        if registers.kernel_works_for(v) and idt.is_hypercall_gate(vector):
            number = context.u("eax")
            gdb.write(f"  inside hypercall {names.hypercall_name(number) or '?'} ({number})\n")

    @staticmethod
    def _interrupts(v):
        gdb.write("virtual interrupts:\n")
        gdb.write(f"  pending {names.vint_bits(v.u('vint_pending'))}   "
                  f"mask {names.vint_bits(v.u('vint_mask'))}\n")
        gdb.write(f"  delivery {'enabled' if v.u('vint_enabled') else 'disabled'}, "
                  f"{'in an upcall' if registers.in_upcall(v) else 'not in an upcall'}\n")
        entry, stack = v.u("upcall_entry"), v.u("upcall_stack")
        gdb.write("  upcall entry " + (f"0x{entry:08x}" if entry else "none registered") +
                  ", upcall stack " + (f"0x{stack:08x}" if stack else "the interrupted one") +
                  "\n")
        if registers.in_upcall(v):
            gdb.write("  interrupted context (kept while the upcall runs):\n")
            interrupted = registers.saved(registers.interrupted_context(v))
            for line in registers.format_registers(interrupted):
                gdb.write(f"    {line}\n")

    @staticmethod
    def _ticks(ticks):
        return f"{ticks} ticks ({clock.ticks_to_ns(ticks)} ns)"

    def _timer(self, v):
        deadline = objects.deadline_ticks(v.part("timer_expiry", "deadline"))
        period, missed = v.u("timer_period"), v.u("timer_missed")
        if deadline is None:
            gdb.write(f"timer: disarmed, missed {missed}\n")
            return
        gdb.write(f"timer: deadline at {self._ticks(deadline)}, "
                  + (f"period {self._ticks(period)}" if period else "one-shot")
                  + f", missed {missed}\n")

    def _wait(self, v):
        deadline = objects.deadline_ticks(v.part("wait_timeout", "deadline"))
        channel = v.u("wait_channel")
        parts = []
        if channel:   # channel index + 1 while blocked in a queuing receive (core/ports.c)
            parts.append(f"receiving on channel {channel - 1} {self._channel_name(channel - 1)}"
                         f"into 0x{v.u('wait_buffer'):08x} ({v.u('wait_size')} bytes)")
        if deadline is not None:
            parts.append(f"until {self._ticks(deadline)}")
        gdb.write("wait: " + (", ".join(parts) if parts else "none") + "\n")

    @staticmethod
    def _channel_name(index):
        """"'name' " of a channel, or "" if it cannot be read."""
        try:
            channel = description.table("channels", "channel")[index]
            return f"'{channel.points_to('config', 'channel_config').string('name')}' "
        except kernel.READ_ERRORS:
            return ""

    def _stats(self, v):
        gdb.write(f"stats: dispatched {v.u('dispatched')} times, ran "
                  f"{self._ticks(v.u('consumed'))}, last dispatched at "
                  f"{self._ticks(objects.full_ticks(v.u('dispatched_at')))}\n")

    @staticmethod
    def _kernel_stack(v):
        arch = v.part("arch", "arch_vcpu")
        size = description.get().field("arch_vcpu", "kernel_stack")[1]
        base = arch.at("kernel_stack")
        data = kernel.read_bytes(base, size)
        untouched = len(data) - len(data.lstrip(bytes([KERNEL_STACK_PATTERN])))
        line = (f"kernel stack: 0x{base:08x}..0x{base + size:08x} ({size} bytes): deepest use "
                f"{size - untouched} bytes, {untouched} never touched")
        if registers.kernel_works_for(v):
            esp = int(gdb.newest_frame().read_register("esp")) & 0xffffffff
            if base <= esp <= base + size:
                line += f"; esp now 0x{esp:08x} ({base + size - esp} bytes deep)"
        gdb.write(line + "\n")

    @staticmethod
    def _backtrace(v):
        p = objects.partition_of(v)
        state = v.enum("state", "vcpu_state")
        regs, source = registers.of_vcpu(v)
        path = images.image_path(objects.image_name(p))
        symbols = elf_symbols.functions_of(path)
        gdb.write(f"vcpu {v.u('id')} ({p.string('name')} vcpu {v.u('index')}, "
                  f"{state}), registers {source}; symbols from {path}\n")
        Vcpu._frames(p, regs, symbols, path)
        if registers.in_upcall(v):
            gdb.write("an upcall interrupted this context (kept in arch.user_regs):\n")
            Vcpu._frames(p, registers.saved(registers.interrupted_context(v)), symbols, path)

    @staticmethod
    def _frames(p, regs, symbols, path):
        for i, frame in enumerate(stack_trace.backtrace(p, regs, symbols)):
            found = symbols.lookup(frame.pc)
            where = f"{found[0]}+{found[1]:#x}" if found else "??"
            # a return address follows its call: the line of the call is at pc - 1
            line = stack_trace.source_line(frame.pc - (1 if frame.found_at else 0), path)
            mark = "  " if frame.certain else "? "
            text = f"#{i:<2} {mark}0x{frame.pc:08x} in {where}"
            if line:
                text += f" at {line}"
            if frame.found_at is not None:
                text += f"  [stack 0x{frame.found_at:08x}]"
            gdb.write(text + "\n")
