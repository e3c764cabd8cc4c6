"""bh-partitions: one row per partition."""
import gdb

from . import guest_memory, kernel, objects, table
from .command import Subcommand


class Partitions(Subcommand):
    """One row per partition: id, name, mode, memory, vcpus, windows, faults, restarts.

Usage: bh-partitions

physical   its RAM, [base, end)
virtual    what its page directory maps for it, [base, end): every partition sees its memory
           at the same virtual base
vcpus      vcpus allocated from the pool
windows    its windows in the plan (dispatch_plan); entered: windows it has started so far
faults, restarts   health-monitor counts
A mode may add "stopped for good" (restart limit reached) or the progress of a cold restart
that is rewriting the partition's memory in its own windows.

Then each device given to a partition (the deployment's devices[]): the I/O ports that partition
alone may use while it runs, and its interrupt line with the vint line and vcpu it is raised on
and how many times it came."""
    name = "partitions"

    def run(self, arg):
        rows, problems = [], []
        plan_owners = kernel.attempt(lambda: [w.u("partition") for w in objects.plan()[1]],
                                     problems, "the plan", default=None)
        for p in objects.partitions():
            rows.append(self._row(p, plan_owners, problems))
        gdb.write(table.render(["id", "name", "mode", "physical", "virtual", "vcpus", "windows",
                                "entered", "faults", "restarts"], rows))
        devices = kernel.attempt(objects.devices, problems, "the devices", default=[])
        for d in devices:
            gdb.write(kernel.attempt(lambda: Partitions._device(d), problems, "a device",
                                     default="  device ?") + "\n")
        kernel.report_problems(problems)

    @staticmethod
    def _device(d):
        """"device 'com3' of partition 0 'io_driver': ports 0x3e8-0x3ef; irq 5 -> vint line 8
        on vcpu 0, 12 interrupts"."""
        c = d.points_to("config", "device_config")
        owner = next(p for p in objects.partitions() if p.string("name") == c.string("partition"))
        ports = ["0x{0:x}-0x{1:x}".format(r.u("first"), r.u("first") + r.u("count") - 1)
                 for r in c.items("io", "io_range") if r.u("count")]
        text = f"  device '{c.string('name')}' of partition {objects.partition_label(owner)}: " + \
            ("ports " + ", ".join(ports) if ports else "no ports")
        if c.u("irq"):
            text += (f"; irq {d.u('line')} -> vint line {c.u('vint_line')} on vcpu "
                     f"{c.u('vcpu')}, {d.u('interrupts')} interrupts")
        return text

    @staticmethod
    def _row(p, plan_owners, problems):
        pid = kernel.attempt(lambda: p.u("id"), problems, "a partition id")

        def get(what, read):
            return kernel.attempt(read, problems, f"partition {pid} {what}")

        return [
            pid,
            get("name", lambda: p.string("name")),
            get("mode", lambda: Partitions._mode(p)),
            get("memory", lambda: "0x{0:08x}..0x{1:08x}".format(
                p.u("mem_base"), p.u("mem_base") + p.u("mem_size"))),
            get("address space", lambda: Partitions._virtual(p)),
            get("vcpu_count", lambda: p.u("vcpu_count")),
            "-" if plan_owners is None else plan_owners.count(pid),
            get("stats", lambda: p.u("windows_entered")),
            get("stats", lambda: p.u("faults")),
            get("stats", lambda: p.u("restarts")),
        ]

    @staticmethod
    def _mode(p):
        mode = p.enum("mode", "partition_mode")
        if p.u("stopped_for_good"):
            mode += " (stopped for good)"
        if p.u("reloading"):        # a cold restart rewriting memory in its own windows
            mode += f" (cold restart: {p.u('reload_offset')} of {p.u('mem_size')} bytes reloaded)"
        return mode

    @staticmethod
    def _virtual(p):
        mapped = guest_memory.user_range(p)
        if mapped is None:
            return "none"
        return f"0x{mapped[0]:08x}..0x{mapped[1]:08x}"
