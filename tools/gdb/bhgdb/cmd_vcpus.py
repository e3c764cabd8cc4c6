"""bh-vcpus: one row per allocated vcpu of the pool."""
import gdb

from . import kernel, objects, registers, table
from .command import Subcommand


class Vcpus(Subcommand):
    """One row per allocated vcpu: id, partition, index, state, eip, esp, vints, dispatches.

Usage: bh-vcpus [PARTITION]      PARTITION: an id or a name; all partitions without it

id         global id: its slot in the vcpu pool (core/vcpu.c), as bh-vcpu and $bh_vcpu take it
idx        its index inside its partition
eip, esp   live from the CPU for the vcpu whose code runs now, else as saved in its context
pending, masked   its virtual interrupt lines (arch.irq), as bitmaps
dispatched        how many times it was given the CPU
The vcpu marked * is `current`: the one on the CPU (or the one the kernel works for)."""
    name = "vcpus"

    def run(self, arg):
        pool = objects.vcpus()
        only = objects.partition(arg) if arg else None
        current = int(objects.current())
        rows, problems = [], []
        for v in pool:
            if only is not None and int(v["partition"]) != kernel.address_of(only):
                continue
            rows.append(self._row(v, current, problems))
        if not rows:
            gdb.write(f"partition {objects.partition_label(only)} has no vcpus\n")
            return
        gdb.write(table.render(["", "id", "partition", "idx", "state", "eip", "esp", "pending",
                                "masked", "dispatched"], rows))
        gdb.write(self._legend(current, pool))
        kernel.report_problems(problems)

    @staticmethod
    def _row(v, current, problems):
        def get(what, read):
            return kernel.attempt(read, problems, f"vcpu {int(v['id'])} {what}")

        regs = get("registers", lambda: registers.of_vcpu(v)[0])
        irq = v["arch"]["irq"]
        return [
            "*" if kernel.address_of(v) == current else "",
            int(v["id"]),
            get("partition", lambda: objects.partition_label(v["partition"].dereference())),
            get("index", lambda: int(v["index"])),
            get("state", lambda: kernel.enum_name(v["state"])),
            "?" if regs == "?" else f"0x{regs['eip']:08x}",
            "?" if regs == "?" else f"0x{regs['esp']:08x}",
            get("pending", lambda: f"{int(irq['pending']):#x}"),
            get("mask", lambda: f"{int(irq['mask']):#x}"),
            get("stats", lambda: int(v["stats"]["dispatched"])),
        ]

    @staticmethod
    def _legend(current, pool):
        if current == 0:
            return "no vcpu is current: the CPU idles (or dispatch has not started)\n"
        for v in pool:
            if kernel.address_of(v) == current:
                if registers.runs_in_cpu(v):
                    return "* current: the CPU runs its code; eip and esp are live\n"
                return ("* current: the CPU is in the kernel on its behalf; eip and esp are as "
                        "saved at its entry\n")
        return f"current = {current:#x} is not a vcpu of the pool\n"
