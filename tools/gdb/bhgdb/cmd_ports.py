"""bh-ports: every channel of the deployment, its state, and the vcpus waiting on it."""
import gdb

from . import clock, kernel, objects, table
from .command import Subcommand

_PORTS = "core/ports.c"


class Ports(Subcommand):
    """Every channel: kind, ends, fill level or sample age and validity, who waits on it.

Usage: bh-ports

Read from the kernel's channel objects (channels[] in core/ports.c).
queuing    "N/DEPTH msgs": messages held of the depth, with the lengths of the held ones,
           oldest first
sampling   the newest sample's length, its age (the clock now minus the time it was written)
           and whether a read now would call it valid (age <= the channel's refresh period),
           or "never written"
waiting    the vcpus blocked in a receive on it (global id, partition, index); a send never
           blocks
opened by  the partitions that opened a port on it (port_open), with their handle"""
    name = "ports"

    def run(self, arg):
        channels = kernel.static_var("channels", _PORTS)
        count = int(kernel.static_var("channel_count", _PORTS))
        if count > kernel.array_length(channels):
            raise kernel.Unavailable(f"channel_count is {count} but channels[] holds "
                                     f"{kernel.array_length(channels)}: not initialised or corrupted")
        if count == 0:
            gdb.write("no channels (the deployment has none, or the kernel has not run "
                      "ports_init)\n")
            return
        problems = []
        pool = kernel.attempt(objects.vcpus, problems, "the vcpus", default=[])
        names = kernel.attempt(lambda: [kernel.c_string(p["name"]) for p in objects.partitions()],
                               problems, "the partitions", default=[])
        opened = kernel.attempt(lambda: self._opened(names), problems, "the port handles",
                                default={})
        now = kernel.attempt(clock.now_ticks, problems, "the clock", default=None)
        rows = []
        for c in range(count):
            ch = channels[c]
            rows.append(kernel.attempt(lambda: self._row(c, ch, pool, names, opened, now),
                                       problems, f"channel {c}", default=[c] + ["?"] * 7))
        gdb.write(table.render(["id", "name", "kind", "source", "destinations", "state",
                                "waiting", "opened by"], rows))
        if now is not None and now[1] != "now":
            gdb.write(f"sample ages are {now[1]}: gdb could not read the HPET counter\n")
        kernel.report_problems(problems)

    @staticmethod
    def _label(pid, names):
        return f"{pid} '{names[pid]}'" if pid < len(names) else str(pid)

    def _row(self, c, ch, pool, names, opened, now):
        cfg = ch["config"].dereference()
        kind = kernel.enum_name(cfg["kind"]).lower()
        mask = int(ch["destination_mask"])
        destinations = [self._label(i, names) for i in range(32) if mask >> i & 1]
        waiting = [f"vcpu {int(v['id'])} ({names[int(v['partition']['id'])]}.{int(v['index'])})"
                   for v in pool
                   if kernel.enum_name(v["state"]) == "BLOCKED" and int(v["wait"]["port"]) == c + 1]
        state = self._queue(ch, cfg) if kind == "queuing" else self._sample(ch, cfg, now)
        return [c, kernel.c_string(cfg["name"]), kind, self._label(int(ch["source"]), names),
                ", ".join(destinations) or "-", state, ", ".join(waiting) or "-",
                ", ".join(opened.get(c, [])) or "-"]

    @staticmethod
    def _queue(ch, cfg):
        depth, count, head = int(cfg["depth"]), int(ch["count"]), int(ch["head"])
        lengths = [int(ch["lengths"][(head + k) % depth]) for k in range(count)]
        held = f" ({', '.join(f'{n} B' for n in lengths)})" if lengths else ""
        return f"{count}/{depth} msgs{held}"

    @staticmethod
    def _sample(ch, cfg, now):
        if not int(ch["sample_written"]):
            return "never written"
        length = int(ch["sample_length"])
        if now is None:
            return f"{length} B, age ?"
        age = clock.ticks_to_ns(now[0] - int(ch["sample_time"]))
        valid = "valid" if age <= int(cfg["refresh_ns"]) else "stale"
        return (f"{length} B, age {age / 1000:.3f} us, {valid} "
                f"(refresh {int(cfg['refresh_ns']) / 1000:.3f} us)")

    @staticmethod
    def _opened(names):
        """{channel: ["partition handle h", ...]} from the kernel's handle tables."""
        handles = kernel.static_var("handles", _PORTS)
        counts = kernel.static_var("handle_count", _PORTS)
        out = {}
        for pid in range(len(names)):
            for h in range(int(counts[pid])):
                c = int(handles[pid][h]["channel"])
                out.setdefault(c, []).append(f"{names[pid]} (handle {h})")
        return out
