"""bh-trace [N]: the last N records (default 20) of Bulkhead's schedule trace, read from the
kernel's ring buffer (trace_ring, trace_state), found through the kernel's description of itself;
enum names come from its debug info. Nothing here knows an offset or a code."""
import gdb

from . import description, kernel
from .command import Subcommand

def _names(enum):
    """{value: name without its common prefix} of a kernel enum; empty if the kernel lacks it."""
    try:
        return kernel.enum_names(kernel.enum_type(enum))
    except kernel.READ_ERRORS:
        return {}


class TraceReader:
    """The ring as the kernel left it: sequence numbers head - size .. head - 1."""

    def __init__(self):
        self.state = description.single("trace_state", "trace_state")
        self.ring = description.table("trace_ring", "trace_record")
        self.size = len(self.ring)
        self.head = self.state.u("head")
        self.period_fs = self.state.u("period_fs")
        self.events = _names("trace_event")
        self.lines = _names("bh_vint_line")
        self.states = _names("vcpu_state")
        self.modes = _names("partition_mode")
        self.hm_events = _names("hm_event")
        self.hm_actions = _names("hm_action")
        self.none = description.get().number("trace_none")
        self.partitions = description.table("partitions", "partition")
        self.partition_count = description.variable("partition_count")

    def last(self, count):
        first = max(0, self.head - self.size, self.head - count)
        return [(seq, self.ring[seq % self.size]) for seq in range(first, self.head)]

    def partition_name(self, p):
        if p < self.partition_count:
            return self.partitions[p].string("name")
        return f"p{p}"

    def who(self, r):
        p, v = r.u("partition"), r.u("vcpu")
        if p == self.none:
            return "-"
        return self.partition_name(p) + ("" if v == self.none else f".{v}")

    def describe(self, name, arg):
        """The argument in words (core/trace.h says what each event's argument is)."""
        if name in ("WINDOW_START", "WINDOW_END"):
            return f"plan window {arg}"
        if name == "DISPATCH":
            return "fresh quantum" if arg else ""
        if name == "BLOCK":
            return f"on channel {arg - 1}" if arg else "on virtual interrupts"
        if name == "WAKE":
            return f"result {arg - (1 << 32) if arg >= 1 << 31 else arg}"
        if name == "STOP":
            return self.states.get(arg, str(arg)).lower()
        if name == "VINT":
            return f"line {arg} {self.lines.get(arg, '')}".rstrip()
        if name in ("PORT_SEND", "PORT_RECEIVE"):
            return f"channel {arg & 0xffff}, {arg >> 16} bytes"
        if name == "HEALTH":
            event, action = arg & 0xff, arg >> 8
            return (f"{self.hm_events.get(event, event)} -> "
                    f"{self.hm_actions.get(action, action)}").lower()
        if name == "RESTART":
            return self.modes.get(arg, str(arg)).lower()
        if name == "LOST":
            return f"{arg} records"
        return "" if name == "PREEMPT" else f"arg {arg:#x}"

    def format(self, seq, r):
        code = r.u("type")
        name = self.events.get(code, f"type {code:#x}")
        arg, time = r.u("arg"), r.u("time")
        if name.startswith("META_"):
            return f"#{seq:<6} {'(plan)':>16}  {name:<20} {self.who(r):<14} arg {arg:#x} data {time:#x}"
        t_us = time * self.period_fs / 1e9
        return (f"#{seq:<6} {t_us:>13.3f} us  {name:<20} {self.who(r):<14} "
                f"{self.describe(name, arg)}")


class Trace(Subcommand):
    """The last N records of the schedule trace (default 20), oldest first.

Usage: bh-trace [N]

Read from the kernel's ring (trace_ring), so it shows what the trace stream
would carry, even for records the stream has not sent yet. Times in us since boot."""
    name = "trace"

    def run(self, arg):
        argv = gdb.string_to_argv(arg)
        try:
            count = int(argv[0]) if argv else 20
        except ValueError:
            gdb.write("usage: bh-trace [N]\n")
            return
        reader = TraceReader()
        if reader.head == 0:
            gdb.write("bh-trace: no records (tracing is off, or the schedule has not started; "
                      "see trace_classes in the deployment)\n")
            return
        lost = reader.state.u("lost")
        gdb.write(f"bh-trace: {reader.head} records since start, {lost} lost to the stream; "
                  f"showing the last {min(count, reader.head, reader.size)}\n")
        for seq, r in reader.last(count):
            gdb.write(reader.format(seq, r) + "\n")
