"""GDB command `bh-trace [N]`: the last N records (default 20) of Bulkhead's schedule trace,
read from the kernel's ring buffer (trace_ring, trace_state in core/trace.c). Struct layouts and
enum names come from the kernel's debug info; nothing here knows an offset or a code.

    (gdb) source tools/gdb/trace.py
    (gdb) bh-trace 30

The file stands alone: sourcing (or importing) it registers the command, and again replaces it.
"""
import gdb


def enum_names(type_name):
    """{value: name} of a C enum in the debug info; empty if the kernel does not describe it."""
    try:
        return {int(f.enumval): f.name for f in gdb.lookup_type(type_name).fields()}
    except gdb.error:
        return {}


def strip(prefix, names):
    return {v: n[len(prefix):] if n.startswith(prefix) else n for v, n in names.items()}


class TraceReader:
    """The ring as the kernel left it: sequence numbers head - size .. head - 1."""

    def __init__(self):
        self.state = gdb.parse_and_eval("trace_state")
        self.ring = gdb.parse_and_eval("trace_ring")
        self.size = int(self.ring.type.range()[1]) + 1
        self.head = int(self.state["head"])
        self.period_fs = int(self.state["period_fs"])
        self.events = strip("TRACE_", enum_names("enum trace_event"))
        # BH_VINT_LINES counts the lines and names none
        self.lines = strip("BH_VINT_", {v: n for v, n in enum_names("enum bh_vint_line").items()
                                        if n != "BH_VINT_LINES"})
        self.states = strip("VCPU_", enum_names("enum vcpu_state"))
        self.modes = strip("PARTITION_", enum_names("enum partition_mode"))
        self.hm_events = strip("HM_EVENT_", enum_names("enum hm_event"))
        self.hm_actions = strip("HM_ACTION_", enum_names("enum hm_action"))
        self.none = int(gdb.parse_and_eval("(unsigned char)0xff"))
        self.partitions = gdb.parse_and_eval("partitions")
        self.partition_count = int(gdb.parse_and_eval("partition_count"))

    def last(self, count):
        first = max(0, self.head - self.size, self.head - count)
        return [(seq, self.ring[seq % self.size]) for seq in range(first, self.head)]

    def partition_name(self, p):
        if p < self.partition_count:
            return self.partitions[p]["name"].string()
        return f"p{p}"

    def who(self, r):
        p, v = int(r["partition"]), int(r["vcpu"])
        if p == self.none:
            return "-"
        return self.partition_name(p) + ("" if v == self.none else f".{v}")

    def describe(self, name, arg):
        """The argument in words (core/trace.h says what each event's argument is)."""
        if name in ("WINDOW_START", "WINDOW_END"):
            return f"window {arg}"
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
        code = int(r["type"])
        name = self.events.get(code, f"type {code:#x}")
        arg, time = int(r["arg"]), int(r["time"])
        if name.startswith("META_"):
            return f"#{seq:<6} {'(plan)':>16}  {name:<20} {self.who(r):<14} arg {arg:#x} data {time:#x}"
        t_us = time * self.period_fs / 1e9
        return (f"#{seq:<6} {t_us:>13.3f} us  {name:<20} {self.who(r):<14} "
                f"{self.describe(name, arg)}")


class TraceCommand(gdb.Command):
    """bh-trace [N]: the last N records of the schedule trace (default 20), oldest first."""

    def __init__(self):
        super().__init__("bh-trace", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        try:
            count = int(argv[0]) if argv else 20
        except ValueError:
            raise gdb.GdbError("usage: bh-trace [N]")
        reader = TraceReader()
        if reader.head == 0:
            gdb.write("bh-trace: no records (tracing is off, or the schedule has not started; "
                      "see trace_classes in the deployment)\n")
            return
        lost = int(reader.state["lost"])
        gdb.write(f"bh-trace: {reader.head} records since start, {lost} lost to the stream; "
                  f"showing the last {min(count, reader.head, reader.size)}\n")
        for seq, r in reader.last(count):
            gdb.write(reader.format(seq, r) + "\n")


TraceCommand()
