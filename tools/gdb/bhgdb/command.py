"""The `bulkhead` prefix command and the base of its subcommands, each aliased bh-<name>.

A subcommand never lets an exception reach gdb: what the kernel's memory cannot give becomes a
sentence, and a bug in the helpers a one-line report naming where it happened.
"""
import os
import traceback

import gdb

from . import kernel, target


class Bulkhead(gdb.Command):
    """Bulkhead's own objects on a live kernel: partitions, vcpus, the plan, the health log.

Every subcommand has a short alias: bh-partitions, bh-vcpus, bh-vcpu, bh-cpus, bh-plan,
bh-hmlog, bh-ports, bh-trace, bh-mem, bh-symbols, bh-break, bh-next ("help bh-vcpu" shows its
full help). With several CPUs each helper describes the CPU gdb has selected (its thread: QEMU
shows CPU n as thread n + 1); bh-cpus lists them all.
At every stop gdb gets the symbols of the partition the CPU is in (see "help bh-symbols").
Convenience functions: $bh_vcpu(n), $bh_current_vcpu(), $bh_partition(id or name),
$bh_in_partition(id or name), e.g. "print $bh_vcpu(2)->arch.irq" or
"break *0x40000100 if $bh_in_partition(\"control\")".
They read the kernel's debug info, so they work at any stop, even before the kernel set
anything up (they say what is not there yet).
Loaded by "source tools/gdb/bulkhead.py" (make gdb does it); see docs/gdb.md."""

    def __init__(self):
        super().__init__("bulkhead", gdb.COMMAND_DATA, prefix=True)

    def invoke(self, arg, from_tty):
        gdb.execute("help bulkhead", from_tty)


class Subcommand(gdb.Command):
    """Subclasses set `name` and implement run(arg); invoked as "bulkhead <name>" or bh-<name>."""
    name = None

    def __init__(self):
        super().__init__(f"bulkhead {self.name}", gdb.COMMAND_DATA)
        try:
            gdb.execute(f"alias bh-{self.name} = bulkhead {self.name}", to_string=True)
        except gdb.error:
            pass   # defined by an earlier `source` of the helpers

    def invoke(self, arg, from_tty):
        try:
            target.require_attached()
            self.run(arg.strip())
        except kernel.READ_ERRORS as e:
            gdb.write(f"bh-{self.name}: {kernel.describe_error(e)}\n")
        except Exception as e:  # a helper bug must not end in a traceback mid-session
            where = traceback.extract_tb(e.__traceback__)[-1]
            gdb.write(f"bh-{self.name}: internal error {type(e).__name__}: {e} "
                      f"(at {os.path.basename(where.filename)}:{where.lineno}); please report\n")

    def run(self, arg):
        raise NotImplementedError
