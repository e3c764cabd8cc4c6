"""bh-vcpus: one row per allocated vcpu of the pool."""
import gdb

from . import kernel, objects, registers, selected_cpu, table
from .command import Subcommand


class Vcpus(Subcommand):
    """One row per allocated vcpu: id, partition, index, state, eip, esp, vints, dispatches.

Usage: bh-vcpus [PARTITION]      PARTITION: an id or a name; all partitions without it

id         global id: its slot in the vcpu pool (core/vcpu.c), as bh-vcpu and $bh_vcpu take it
idx        its index inside its partition
eip, esp   live from the CPU for the vcpu whose code runs now, else as saved in its context
pending, masked   its virtual interrupt lines, as bitmaps
dispatched        how many times it was given the CPU
The vcpu marked * is `current`: the one on the CPU (or the one the kernel works for).
With several CPUs: cpu is the CPU the vcpu is bound to, * marks the current vcpu of the CPU gdb
has selected (its thread), and a line after the table names each other CPU's current vcpu, whose
eip and esp are as saved at its last entry into the kernel (select that CPU's thread to see them
live)."""
    name = "vcpus"

    def run(self, arg):
        pool = objects.vcpus()
        only = objects.partition(arg) if arg else None
        current = objects.current()
        several = objects.several_cpus()
        rows, problems = [], []
        for v in pool:
            if only is not None and v.u("partition") != only.address:
                continue
            rows.append(self._row(v, current, several, problems))
        if not rows:
            gdb.write(f"partition {objects.partition_label(only)} has no vcpus\n")
            return
        gdb.write(table.render(["", "id", "partition", "idx"] + (["cpu"] if several else []) +
                               ["state", "eip", "esp", "pending", "masked", "dispatched"], rows))
        gdb.write(self._legend(current, pool, several))
        kernel.report_problems(problems)

    @staticmethod
    def _row(v, current, several, problems):
        def get(what, read):
            return kernel.attempt(read, problems, f"vcpu {v.u('id')} {what}")

        regs = get("registers", lambda: registers.of_vcpu(v)[0])
        return [
            "*" if v.address == current else "",
            v.u("id"),
            get("partition", lambda: objects.partition_label(objects.partition_of(v))),
            get("index", lambda: v.u("index")),
        ] + ([get("cpu", lambda: v.u("cpu"))] if several else []) + [
            get("state", lambda: v.enum("state", "vcpu_state")),
            "?" if regs == "?" else f"0x{regs['eip']:08x}",
            "?" if regs == "?" else f"0x{regs['esp']:08x}",
            get("pending", lambda: f"{v.u('vint_pending'):#x}"),
            get("mask", lambda: f"{v.u('vint_mask'):#x}"),
            get("stats", lambda: v.u("dispatched")),
        ]

    @staticmethod
    def _legend(current, pool, several):
        text = Vcpus._current_legend(current, pool, several)
        for v in pool if several else []:
            k = objects.current_elsewhere(v)
            if k is not None:
                text += (f"vcpu {v.u('id')} is current on cpu {k} (gdb's thread "
                         f"{selected_cpu.thread_of(k)}): its eip and esp are as saved at its last "
                         "entry into the kernel (select that thread to see them live)\n")
        return text

    @staticmethod
    def _current_legend(current, pool, several):
        k = selected_cpu.index()
        on = f" on cpu {k} (gdb's thread {selected_cpu.thread_of(k)})" if several else ""
        if current == 0:
            return (f"no vcpu is current{on}: the CPU idles (or dispatch has not started)\n")
        for v in pool:
            if v.address == current:
                if registers.runs_in_cpu(v):
                    return f"* current{on}: the CPU runs its code; eip and esp are live\n"
                return (f"* current{on}: the CPU is in the kernel on its behalf; eip and esp are "
                        "as saved at its entry\n")
        return f"current = {current:#x} is not a vcpu of the pool\n"
