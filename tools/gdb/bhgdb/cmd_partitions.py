"""bh-partitions: one row per partition."""
import gdb

from . import description, guest_memory, kernel, objects, table
from .command import Subcommand


class Partitions(Subcommand):
    """One row per partition: id, name, mode, memory, vcpus, windows, faults, restarts.

Usage: bh-partitions

physical   its RAM, [base, end)
virtual    what its page directory maps for it below its shared window, [base, end): every
           partition sees its memory at the same virtual base
vcpus      vcpus allocated from the pool
windows    its windows in the plan in force, on every CPU (cpus[k].plan); entered: windows it
           has started so far
faults, restarts   health-monitor counts
A mode may add "stopped for good" (restart limit reached) or the progress of a cold restart
that is rewriting the partition's memory in its own windows.

Then, if the deployment has shared memory areas, one row per partition and area it uses:
virtual    where the area lies in the partition's space (its shared window), [base, end)
physical   the area's RAM, [base, end), from the deployment
access     read-only or read-write, from the deployment
mapped     what the partition's page tables map at the area's first page: "read-only" or
           "read-write" (the area's first physical page, with that access), "no", or the
           physical address they map instead

Then each device given to a partition (the deployment's devices[]): the I/O ports that partition
alone may use while it runs, and its interrupt line with the vint line and vcpu it is raised on
and how many times it came."""
    name = "partitions"

    def run(self, arg):
        rows, problems = [], []
        plan_owners = kernel.attempt(lambda: [w.u("partition") for k in objects.plan_cpus()
                                              for w in objects.plan(k)[1]],
                                     problems, "the plan", default=None)
        for p in objects.partitions():
            rows.append(self._row(p, plan_owners, problems))
        gdb.write(table.render(["id", "name", "mode", "physical", "virtual", "vcpus", "windows",
                                "entered", "faults", "restarts"], rows))
        shared = kernel.attempt(lambda: Partitions._shared(problems), problems,
                                "the deployment's shared areas", default=[])
        if shared:
            gdb.write("shared areas:\n" + table.render(["id", "partition", "area", "virtual",
                                                         "physical", "access", "mapped"], shared))
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
    def _shared(problems):
        """A row per partition and shared area it uses, in partition order."""
        configured = description.single("deployment", "deployment").items(
            "shared_areas", "shared_area_config")
        rows = []
        for p in objects.partitions():
            name = p.string("name")
            for area in configured:
                if area.u("name") == 0:
                    break       # the list ends at its first entry without a name
                for user in area.items("users", "shared_area_user"):
                    if user.u("partition") == 0:
                        break
                    if user.string("partition") == name:
                        rows.append(Partitions._shared_row(p, area, user, problems))
        return rows

    @staticmethod
    def _shared_row(p, area, user, problems):
        address, base, size = user.u("address"), area.u("base"), area.u("size")
        mapped = kernel.attempt(lambda: Partitions._mapped(p, address, base), problems,
                                f"partition {p.u('id')} page tables")
        return [p.u("id"), p.string("name"), area.string("name"),
                f"0x{address:08x}..0x{address + size:08x}", f"0x{base:08x}..0x{base + size:08x}",
                "read-write" if user.u("writable") else "read-only", mapped]

    @staticmethod
    def _mapped(p, address, base):
        entry = guest_memory.leaf(p, address)
        if entry is None:
            return "no"
        physical = guest_memory.translate(p, address)
        if physical != base:
            return f"0x{physical:08x}"
        return "read-write" if entry & guest_memory.WRITE else "read-only"

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
        mapped = guest_memory.user_range(p, description.get().number("shm_window_base"))
        if mapped is None:
            return "none"
        return f"0x{mapped[0]:08x}..0x{mapped[1]:08x}"
