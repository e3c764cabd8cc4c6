"""bh-ports: every channel of the deployment, its state, and the vcpus waiting on it."""
import gdb

from . import clock, description, kernel, objects, table
from .command import Subcommand

class Ports(Subcommand):
    """Every channel: kind, ends, fill level or sample age and validity, who waits on it.

Usage: bh-ports

Read from the kernel's channel objects (channels[]).
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
        channels = description.table("channels", "channel")
        count = description.variable("channel_count")
        if count > len(channels):
            raise kernel.Unavailable(f"channel_count is {count} but channels[] holds "
                                     f"{len(channels)}: not initialised or corrupted")
        if count == 0:
            gdb.write("no channels (the deployment has none, or the kernel has not run "
                      "ports_init)\n")
            return
        problems = []
        pool = kernel.attempt(objects.vcpus, problems, "the vcpus", default=[])
        names = kernel.attempt(lambda: [p.string("name") for p in objects.partitions()],
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
        cfg = ch.points_to("config", "channel_config")
        kind = cfg.enum("kind", "channel_kind").lower()
        mask = ch.u("destination_mask")
        destinations = [self._label(i, names) for i in range(32) if mask >> i & 1]
        waiting = [f"vcpu {v.u('id')} ({names[objects.partition_of(v).u('id')]}.{v.u('index')})"
                   for v in pool
                   if v.enum("state", "vcpu_state") == "BLOCKED" and v.u("wait_channel") == c + 1]
        state = self._queue(ch, cfg) if kind == "queuing" else self._sample(ch, cfg, now)
        return [c, cfg.string("name"), kind, self._label(ch.u("source"), names),
                ", ".join(destinations) or "-", state, ", ".join(waiting) or "-",
                ", ".join(opened.get(c, [])) or "-"]

    @staticmethod
    def _queue(ch, cfg):
        depth, count, head = cfg.u("depth"), ch.u("count"), ch.u("head")
        held = ch.words("lengths")
        lengths = [held[(head + k) % depth] for k in range(count)]
        held = f" ({', '.join(f'{n} B' for n in lengths)})" if lengths else ""
        return f"{count}/{depth} msgs{held}"

    @staticmethod
    def _sample(ch, cfg, now):
        if not ch.u("sample_written"):
            return "never written"
        length = ch.u("sample_length")
        if now is None:
            return f"{length} B, age ?"
        age = clock.ticks_to_ns(now[0] - ch.u("sample_time"))
        valid = "valid" if age <= cfg.u("refresh_ns") else "stale"
        return (f"{length} B, age {age / 1000:.3f} us, {valid} "
                f"(refresh {cfg.u('refresh_ns') / 1000:.3f} us)")

    @staticmethod
    def _opened(names):
        """{channel: ["partition handle h", ...]} from the kernel's handle tables."""
        handles = description.table("handles", "port_handle")
        counts = description.words("handle_count")
        row = len(handles) // len(counts)
        out = {}
        for pid in range(len(names)):
            for h in range(counts[pid]):
                c = handles[pid * row + h].u("channel")
                out.setdefault(c, []).append(f"{names[pid]} (handle {h})")
        return out
