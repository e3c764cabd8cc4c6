"""bh-hmlog: the health monitor's log of partition failures."""
import gdb

from . import description, kernel, names, objects, table
from .command import Subcommand


class HmLog(Subcommand):
    """The health-monitor log (hm_log), oldest first, newest last.

Usage: bh-hmlog

One row per event the log still holds (once it is full, a new event replaces the oldest record of
the partition with the most): sequence number, time, partition, vcpu index, event
(CPU exception names for vectors 0..31, then application error and vcpu misuse), eip, fault
address, error or application code, the action the kernel took (its own wording), and whether
its console line still waits for time to be printed (core/health.c: lines print only on the
faulting partition's own time or on idle time)."""
    name = "hmlog"

    def run(self, arg):
        log = description.single("hm_log", "hm_log")
        total = log.u("total")
        records = log.items("records", "hm_record")
        held = log.u("held")
        if total == 0:
            gdb.write("the health-monitor log is empty (no event since boot)\n")
            return
        problems = []
        if held > len(records):
            problems.append(f"hm_log.held is {held} but its records hold {len(records)}")
            held = len(records)
        partition_names = [kernel.attempt(lambda: p.string("name"), problems,
                                          f"the name of partition {i}")
                           for i, p in enumerate(kernel.attempt(objects.partitions, problems,
                                                                "the partitions", default=[]))]
        lines_of = kernel.attempt(lambda: description.words("hm_lines_of"),
                                  problems, "which console lines wait", default=None)
        rows = []
        order, head = log.words("order"), log.u("head")
        for i in range(held):
            slot = order[(head + i) % len(order)]
            if slot >= len(records):
                problems.append(f"hm_log.order[{i}] is {slot}, past its records")
                continue
            waiting = "?" if lines_of is None else ("waiting" if lines_of[slot] else "-")
            rows.append(self._row(records[slot], partition_names, problems) + [waiting])
        waits = sum(1 for row in rows if row[-1] == "waiting")
        gdb.write(f"{total} event{'' if total == 1 else 's'} since boot; the log holds "
                  f"{held}; {waits} of their console lines wait to be printed\n")
        gdb.write(table.render(["seq", "time ns", "partition", "vcpu", "event", "eip", "address",
                                "code", "action", "console"], rows))
        kernel.report_problems(problems)

    @staticmethod
    def _row(r, partition_names, problems):
        def get(what, read):
            return kernel.attempt(read, problems, f"record {what}")

        seq = get("sequence", lambda: r.u("sequence"))
        pid = r.u("partition")
        owner = f"{pid} '{partition_names[pid]}'" if pid < len(partition_names) else str(pid)
        return [
            seq,
            r.u("time_ns"),
            owner,
            r.u("vcpu"),
            get(f"{seq} event", lambda: names.hm_event_name(r.u("event"))),
            f"0x{r.u('eip'):08x}",
            f"0x{r.u('address'):08x}",
            f"{r.u('code'):#x}",
            get(f"{seq} action", lambda: names.hm_action_name(r.u("action"))),
        ]
