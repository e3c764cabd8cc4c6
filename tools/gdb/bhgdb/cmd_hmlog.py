"""bh-hmlog: the health monitor's log of partition failures."""
import gdb

from . import kernel, names, objects, table
from .command import Subcommand


class HmLog(Subcommand):
    """The health-monitor log (hm_log in core/health.c), oldest first, newest last.

Usage: bh-hmlog

One row per event the ring still holds: sequence number, time, partition, vcpu index, event
(CPU exception names for vectors 0..31, then application error and vcpu misuse), eip, fault
address, error or application code, the action the kernel took (its own wording), and whether
its console line still waits for time to be printed (core/health.c: lines print only on the
faulting partition's own time or on idle time)."""
    name = "hmlog"

    def run(self, arg):
        log = kernel.global_var("hm_log")
        total = int(log["total"])
        ring = log["records"]
        size = kernel.array_length(ring)
        held = min(total, size)
        if total == 0:
            gdb.write("the health-monitor log is empty (no event since boot)\n")
            return
        problems = []
        partition_names = [kernel.attempt(lambda: kernel.c_string(p["name"]), problems,
                                          f"the name of partition {i}")
                           for i, p in enumerate(kernel.attempt(objects.partitions, problems,
                                                                "the partitions", default=[]))]
        lines_of = kernel.attempt(lambda: kernel.static_var("lines_of", "core/health.c"),
                                  problems, "which console lines wait", default=None)
        rows = []
        for i in range(held):
            slot = (total - held + i) % size
            waiting = "?" if lines_of is None else ("waiting" if int(lines_of[slot]) else "-")
            rows.append(self._row(ring[slot], partition_names, problems) + [waiting])
        waits = sum(1 for row in rows if row[-1] == "waiting")
        gdb.write(f"{total} event{'' if total == 1 else 's'} since boot; the ring holds the last "
                  f"{held}; {waits} of their console lines wait to be printed\n")
        gdb.write(table.render(["seq", "time ns", "partition", "vcpu", "event", "eip", "address",
                                "code", "action", "console"], rows))
        kernel.report_problems(problems)

    @staticmethod
    def _row(r, partition_names, problems):
        def get(what, read):
            return kernel.attempt(read, problems, f"record {what}")

        seq = get("sequence", lambda: int(r["sequence"]))
        pid = int(r["partition"])
        owner = f"{pid} '{partition_names[pid]}'" if pid < len(partition_names) else str(pid)
        return [
            seq,
            int(r["time_ns"]),
            owner,
            int(r["vcpu"]),
            get(f"{seq} event", lambda: names.hm_event_name(int(r["event"]))),
            f"0x{int(r['eip']):08x}",
            f"0x{int(r['address']):08x}",
            f"{int(r['code']):#x}",
            get(f"{seq} action", lambda: names.hm_action_name(int(r["action"]))),
        ]
