#!/usr/bin/env python3
"""Decodes Bulkhead's schedule trace (the COM2 stream, docs/trace.md), merging its CPUs' records
by time: prints what each window did against the plan, and draws an SVG timeline with one row per
partition and per vcpu (with several CPUs, one per CPU first), the planned windows beneath what
actually ran (over 200 frames: each window's start lateness across the frames), or writes the
Trace Event Format that ui.perfetto.dev and chrome://tracing open.

    tools/trace.py build/trace.bin [-o build/trace.svg] [--format svg|perfetto]
                   [--frame N [--window I]] [--from-us A] [--to-us B] [--timeline] [--quiet]

Python 3, standard library only. Event codes and names are read from the kernel's headers, so
this file never disagrees with them. Times are microseconds of the kernel's clock (since boot),
as in the console's t= values.
"""
import argparse
import bisect
import heapq
import json
import math
import os
import re
import struct
import sys
from collections import namedtuple
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECORD = struct.Struct("<BBBBIQ")   # sync, type, partition, vcpu, arg, time: struct trace_record


def c_enum(header, name):
    """{NAME: value} of `enum name { ... }` in a header of the kernel (literal or implicit values;
    entries given by an expression are skipped)."""
    with open(os.path.join(ROOT, header)) as f:
        text = f.read()
    body = re.search(r"enum\s+%s\s*\{(.*?)\};" % name, text, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    values, following = {}, 0
    for item in body.split(","):
        m = re.match(r"\s*(\w+)\s*(?:=\s*(.+?))?\s*$", item, re.S)
        if not m:
            continue
        if m.group(2) is not None:
            try:
                following = int(m.group(2).rstrip("uU"), 0)
            except ValueError:
                continue
        values[m.group(1)] = following
        following += 1
    return values


def c_define(header, name):
    with open(os.path.join(ROOT, header)) as f:
        return int(re.search(r"#define\s+%s\s+(\w+)" % name, f.read()).group(1).rstrip("uU"), 0)


def strip(prefix, values):
    return {k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)}


CODES = strip("TRACE_", c_enum("include/core/trace.h", "trace_event"))   # name -> code
NAMES = {v: k for k, v in CODES.items()}                                # code -> name
SYNC = c_define("include/core/trace.h", "TRACE_SYNC")
NONE = c_define("include/core/trace.h", "TRACE_NONE")
FORMAT = c_define("include/core/trace.h", "TRACE_FORMAT")
CPU_SHIFT = c_define("include/core/trace.h", "TRACE_CPU_SHIFT")
TIME_MASK = (1 << CPU_SHIFT) - 1
# BH_VINT_LINES counts the lines and names none
VINT_LINES = {v: k for k, v in strip("BH_VINT_", c_enum("include/public/vint.h", "bh_vint_line")).items()
              if k != "LINES"}
VCPU_STATES = {v: k for k, v in strip("BH_VCPU_", c_enum("include/public/hypercall.h", "bh_vcpu_state")).items()}
MODES = {v: k for k, v in strip("BH_MODE_", c_enum("include/public/hypercall.h", "bh_partition_mode")).items()}
HM_EVENTS = {v: k for k, v in strip("HM_EVENT_", c_enum("include/core/deployment.h", "hm_event")).items()}
HM_ACTIONS = {v: k for k, v in strip("HM_ACTION_", c_enum("include/core/deployment.h", "hm_action")).items()}
# the log's one action a deployment cannot name (HM_ACTION_COUNT's value): a fault handed over
HM_ACTIONS[c_define("include/public/health.h", "BH_HM_ACTION_DELIVER")] = "DELIVER"

Record = namedtuple("Record", "type partition vcpu arg time")
# A stretch of the run under one schedule: from `epoch` (ns), frame `first` on, frames of `major`.
Regime = namedtuple("Regime", "epoch first major schedule")
Event = namedtuple("Event", "time name partition vcpu arg cpu", defaults=(0,))  # time in ns
Segment = namedtuple("Segment", "partition vcpu start end")          # ns


def parse_records(data):
    """The records of a stream, and how many bytes had to be skipped. A record is taken where it
    and the one after it (if any) start with TRACE_SYNC and a known type; elsewhere the decoder
    moves on a byte at a time, which finds the record boundaries again after damage."""
    size = RECORD.size

    def whole(i):
        return data[i] == SYNC and data[i + 1] in NAMES

    records, skipped, i = [], 0, 0
    while i + size <= len(data):
        if whole(i) and (i + 2 * size > len(data) or whole(i + size)):
            records.append(Record(*RECORD.unpack_from(data, i)[1:]))
            i += size
        else:
            i += 1
            skipped += 1
    return records, skipped + len(data) - i


class Trace:
    """The plan (from the TRACE_META_ records) and the events, with times in ns, the CPUs' merged
    by time. A stream of format 1 (before records carried their CPU) is one CPU's, CPU 0."""

    def __init__(self, records, skipped=0):
        self.skipped = skipped
        self.lost = 0
        self.lost_by_cpu = {}     # cpu -> records its ring lost to the stream
        self.format = 1
        self.cpus = 1             # the CPUs the deployment runs on
        self.period_fs = None
        self.epoch = self.major = None
        # window key (index in its schedule | schedule id << 8, as WINDOW_START's arg) ->
        # (partition, offset ns, duration ns); with one schedule the key is the plan index
        self.windows = {}
        self.window_cpu = {}      # window key -> the CPU it is on
        self.vcpu_cpu = {}        # (partition, vcpu) -> the CPU it is bound to
        self.initial = 0          # the schedule in force at boot
        self.schedules = {}       # id -> major frame ns, with several schedules
        self.schedule_names = {}  # id -> name
        self.partitions = {}      # id -> vcpu count
        self.names = {}           # id -> partition name
        self.channels = {}        # index -> channel name
        name_parts, channel_parts, schedule_parts, raw, plan = {}, {}, {}, [], None
        described = 0             # the schedule whose META_WINDOWs come
        for r in records:
            name = NAMES[r.type]
            if name == "META_CLOCK":
                self.period_fs = r.arg
                # format 1 left time 0 and partition TRACE_NONE
                if r.time:
                    self.format, self.cpus = r.time, r.partition
            elif name == "META_PLAN":
                plan = (r.time, r.arg)
                # before issue 20 the field was TRACE_NONE: one schedule, id 0
                self.initial = described = 0 if r.vcpu == NONE else r.vcpu
            elif name == "META_SCHEDULE":
                described = r.partition
                self.schedules[r.partition] = r.arg
            elif name == "META_WINDOW":
                cpu, offset = self.split(r.time)
                self.windows[described << 8 | r.vcpu] = (r.partition, offset, r.arg)
                self.window_cpu[described << 8 | r.vcpu] = cpu
            elif name == "META_PARTITION":
                self.partitions[r.partition] = r.vcpu
                for v in range(r.vcpu):
                    self.vcpu_cpu[(r.partition, v)] = r.arg >> 8 * v & 0xFF
            elif name in ("META_PARTITION_NAME", "META_CHANNEL_NAME", "META_SCHEDULE_NAME"):
                parts = {"META_PARTITION_NAME": name_parts, "META_CHANNEL_NAME": channel_parts,
                         "META_SCHEDULE_NAME": schedule_parts}[name]
                parts.setdefault(r.partition, {})[r.vcpu] = struct.pack("<IQ", r.arg, r.time)
            else:
                raw.append(r)
        if self.period_fs is None or plan is None:
            raise ValueError("no TRACE_META_CLOCK/PLAN record: the start of the stream is missing")
        self.epoch, self.major = self.ns(plan[0]), self.ns(plan[1])
        self.windows = {i: (p, self.ns(o), self.ns(d)) for i, (p, o, d) in self.windows.items()}
        self.schedules = {i: self.ns(m) for i, m in self.schedules.items()}
        for target, parts in ((self.names, name_parts), (self.channels, channel_parts),
                              (self.schedule_names, schedule_parts)):
            for key, chunks in parts.items():
                joined = b"".join(chunks[k] for k in sorted(chunks))
                target[key] = joined.rstrip(b"\0").decode("utf-8", "replace")
        # each CPU's records in its ring's order, merged by time (equal times: the lower CPU first)
        rings = {}
        for r in raw:
            name = NAMES[r.type]
            cpu, ticks = self.split(r.time)
            if name == "LOST":
                self.lost += r.arg
                self.lost_by_cpu[cpu] = self.lost_by_cpu.get(cpu, 0) + r.arg
            rings.setdefault(cpu, []).append(Event(self.ns(ticks), name, r.partition, r.vcpu,
                                                   r.arg, cpu))
        self.events = list(heapq.merge(*(rings[c] for c in sorted(rings)), key=lambda e: e.time))
        # the schedule in force, stretch by stretch: each switch starts a frame at its time
        self.regimes = [Regime(self.epoch, 0, self.major, self.initial)]
        for e in self.events:
            if e.name == "SCHEDULE_SWITCH":
                last = self.regimes[-1]
                first = last.first + round((e.time - last.epoch) / last.major)
                self.regimes.append(Regime(e.time, first, self.schedules.get(e.arg, last.major), e.arg))

    def ns(self, ticks):
        return ticks * self.period_fs // 1_000_000

    def split(self, time):
        """(cpu, ticks) of a record's time field: format 2 keeps the CPU in its top byte."""
        if self.format < 2:
            return 0, time
        return time >> CPU_SHIFT, time & TIME_MASK

    def name(self, partition):
        return self.names.get(partition, f"p{partition}")

    def vcpu_name(self, partition, vcpu):
        return f"{self.name(partition)}.{vcpu}"

    def regime_at(self, t):
        """The Regime in force at time t (ns)."""
        starts = [g.epoch for g in self.regimes]
        return self.regimes[max(0, bisect.bisect_right(starts, t) - 1)]

    def regime_of_frame(self, frame):
        firsts = [g.first for g in self.regimes]
        return self.regimes[max(0, bisect.bisect_right(firsts, frame) - 1)]

    def frame_start(self, frame):
        g = self.regime_of_frame(frame)
        return g.epoch + (frame - g.first) * g.major

    def frame_at(self, t):
        """The number of the major frame that holds time t (ns)."""
        g = self.regime_at(t)
        return g.first + max(0, t - g.epoch) // g.major

    def frames(self, t0, t1):
        """(frame, start ns, schedule id) of every frame that overlaps [t0, t1)."""
        out, frame = [], self.frame_at(t0)
        while True:
            g = self.regime_of_frame(frame)
            start = g.epoch + (frame - g.first) * g.major
            if start >= t1:
                return out
            out.append((frame, start, g.schedule))
            frame += 1

    def window_label(self, key):
        """'plan window I', or 'schedule S window I' with several schedules."""
        if not self.schedules:
            return f"plan window {key}"
        return f"schedule {key >> 8} window {key & 0xFF}"

    def window_short(self, key):
        """The window in a table column: its plan index, or 'S.I' with several schedules."""
        return f"{key >> 8}.{key & 0xFF}" if self.schedules else str(key)

    def planned(self, frame, index):
        """(start, end) in ns of window `index` (a window key) in major frame `frame`."""
        _, offset, duration = self.windows[index]
        start = self.frame_start(frame) + offset
        return start, start + duration

    def describe(self, e):
        """The event's argument in words."""
        if e.name in ("WINDOW_START", "WINDOW_END"):
            return self.window_label(e.arg)
        if e.name == "SCHEDULE_SWITCH":
            return f"to '{self.schedule_names.get(e.arg, e.arg)}' (id {e.arg})"
        if e.name == "DISPATCH":
            return "fresh quantum" if e.arg else ""
        if e.name == "BLOCK":
            return f"on channel '{self.channels.get(e.arg - 1, e.arg - 1)}'" if e.arg else "on vints"
        if e.name == "WAKE":
            return f"result {struct.unpack('<i', struct.pack('<I', e.arg))[0]}"
        if e.name == "STOP":
            return VCPU_STATES.get(e.arg, str(e.arg)).lower()
        if e.name == "VINT":
            return f"line {e.arg} {VINT_LINES.get(e.arg, '')}".rstrip()
        if e.name == "DEVICE_IRQ":
            return f"irq {e.arg & 0xFF} on line {e.arg >> 8}"
        if e.name in ("PORT_SEND", "PORT_RECEIVE"):
            channel = e.arg & 0xFFFF
            return f"'{self.channels.get(channel, channel)}' {e.arg >> 16} bytes"
        if e.name == "HEALTH":
            return (f"{HM_EVENTS.get(e.arg & 0xFF, e.arg & 0xFF)} -> "
                    f"{HM_ACTIONS.get(e.arg >> 8, e.arg >> 8)}").lower()
        if e.name == "RESTART":
            return MODES.get(e.arg, str(e.arg)).lower()
        if e.name == "LOST":
            return f"{count(e.arg, 'record')} lost"
        return ""


def read_trace(path):
    with open(path, "rb") as f:
        records, skipped = parse_records(f.read())
    return Trace(records, skipped)


class Occurrence:
    """One window as it happened: planned and actual times, and how much of it was used; `cpu`
    is the CPU that recorded its start."""

    def __init__(self, index, partition, frame, planned, start, cpu=0):
        self.index, self.partition, self.frame, self.cpu = index, partition, frame, cpu
        self.planned_start, self.planned_end = planned
        self.start, self.end = start, None
        self.used = 0
        self.complete = True      # false when records of it were lost


class Timeline:
    """Run segments, blocked stretches, window occurrences and point events, rebuilt from the
    events. A vcpu runs from its DISPATCH to its PREEMPT, BLOCK, STOP or its partition's RESTART;
    it is blocked from BLOCK to WAKE, STOP or RESTART. A CPU has one window open at a time. Where
    a CPU's records were lost, everything open on it is closed at its last record before the gap,
    and the gap is kept as (start, end, records, cpu)."""

    def __init__(self, trace):
        self.trace = trace
        self.segments, self.blocked, self.windows, self.points, self.gaps = [], [], [], [], []
        self.end = trace.events[-1].time if trace.events else trace.epoch
        running, blocked_since, open_windows = {}, {}, {}    # open_windows: cpu -> Occurrence
        last = {}                                            # cpu -> the time of its last record

        def stop_running(key, t):
            if key in running:
                self.segments.append(Segment(*key, running.pop(key), t))

        def stop_blocked(key, t):
            if key in blocked_since:
                self.blocked.append(Segment(*key, blocked_since.pop(key), t))

        for e in trace.events:
            key = (e.partition, e.vcpu)
            if e.name == "LOST":
                before = last.get(e.cpu, trace.epoch)
                for k in [k for k in running if trace.vcpu_cpu.get(k, 0) == e.cpu]:
                    stop_running(k, before)
                for k in [k for k in blocked_since if trace.vcpu_cpu.get(k, 0) == e.cpu]:
                    stop_blocked(k, before)
                if e.cpu in open_windows:
                    w = open_windows.pop(e.cpu)
                    w.end, w.complete = before, False
                self.gaps.append((before, e.time, e.arg, e.cpu))
            elif e.name == "DISPATCH":
                running.setdefault(key, e.time)
            elif e.name in ("PREEMPT", "BLOCK", "STOP"):
                stop_running(key, e.time)
                if e.name == "BLOCK":
                    blocked_since[key] = e.time
                else:
                    stop_blocked(key, e.time)
            elif e.name == "WAKE":
                stop_blocked(key, e.time)
            elif e.name == "RESTART":
                for k in [k for k in set(running) | set(blocked_since) if k[0] == e.partition]:
                    stop_running(k, e.time)
                    stop_blocked(k, e.time)
                self.points.append(e)
            elif e.name == "WINDOW_START":
                offset = trace.windows[e.arg][1]
                g = trace.regime_at(e.time)
                frame = g.first + round((e.time - g.epoch - offset) / g.major)
                w = Occurrence(e.arg, e.partition, frame, trace.planned(frame, e.arg), e.time, e.cpu)
                open_windows[e.cpu] = w
                self.windows.append(w)
            elif e.name == "WINDOW_END":
                if e.cpu in open_windows:
                    open_windows.pop(e.cpu).end = e.time
            else:
                self.points.append(e)
            last[e.cpu] = e.time
        for key in list(running):
            stop_running(key, self.end)
        for key in list(blocked_since):
            stop_blocked(key, self.end)
        for w in open_windows.values():
            w.end = self.end
        self.segments.sort(key=lambda s: s.start)
        # per partition and CPU, only the segments that can reach into the window: thousands of
        # frames decode in a second, not in minutes
        own = {}
        for s in self.segments:
            own.setdefault((s.partition, trace.vcpu_cpu.get((s.partition, s.vcpu), 0)), []).append(s)
        starts = {k: [s.start for s in segs] for k, segs in own.items()}
        longest = {k: max(s.end - s.start for s in segs) for k, segs in own.items()}
        for w in self.windows:
            k = (w.partition, w.cpu)
            segs = own.get(k, [])
            i = bisect.bisect_left(starts.get(k, []), w.end)
            while i > 0 and segs[i - 1].start >= w.start - longest[k]:
                i -= 1
                w.used += max(0, min(segs[i].end, w.end) - max(segs[i].start, w.start))


def us(ns):
    return ns / 1000.0


# Over this many major frames a picture of every frame is unreadable (the frame labels overprint,
# runs shrink below a pixel, and the SVG grows by about 10 KB a frame): the writers aggregate.
AGGREGATE_FRAMES = 200


def in_span(tl, t0, t1):
    """The window occurrences that start in [t0, t1)."""
    return [w for w in tl.windows if t0 <= w.start < t1]


def frame_count(tl, t0, t1):
    return len({w.frame for w in in_span(tl, t0, t1)})


def by_window(windows):
    """{window index: its occurrences in frame order}."""
    out = {}
    for w in windows:
        out.setdefault(w.index, []).append(w)
    return dict(sorted(out.items()))


def lateness_stats(occurrences):
    """(least, mean, most, jitter) start lateness in ns; jitter is most - least."""
    late = [w.start - w.planned_start for w in occurrences]
    return min(late), sum(late) / len(late), max(late), max(late) - min(late)


def count(n, noun):
    return f"{n} {noun}" + ("" if n == 1 else "s")


def where(trace, cpu):
    """' on cpu C' with several CPUs; nothing with one."""
    return f" on cpu {cpu}" if trace.cpus > 1 else ""


def summary(trace, tl, t0, t1, aggregate=False, out=sys.stdout):
    """One line per window that starts in [t0, t1) (aggregated: one per window of the plan, over
    every frame), then totals per partition. With several CPUs, each window's CPU in a column."""
    several = trace.cpus > 1
    on = f" on {count(trace.cpus, 'CPU')}" if several else ""
    print(f"schedule: epoch {us(trace.epoch):.3f} us, major frame {us(trace.major):.3f} us, "
          f"{count(len(trace.windows), 'window')}{on}; {count(len(trace.events), 'event')}", file=out)
    for g in trace.regimes[1:]:
        print(f"schedule switch to '{trace.schedule_names.get(g.schedule, g.schedule)}' (id "
              f"{g.schedule}) at frame {g.first}, {us(g.epoch):.3f} us: major frame "
              f"{us(g.major):.3f} us", file=out)
    if trace.lost or trace.skipped:
        per_cpu = (" (" + ", ".join(f"cpu {c}: {n}" for c, n in sorted(trace.lost_by_cpu.items()))
                   + ")" if several and trace.lost else "")
        print(f"stream: {count(trace.lost, 'record')} lost in the kernel{per_cpu}, "
              f"{count(trace.skipped, 'byte')} skipped",
              file=out)
    windows = in_span(tl, t0, t1)
    cpu_head = f" {'cpu':>3}" if several else ""

    def cpu_cell(w):
        return f" {w.cpu:>3}" if several else ""
    if aggregate:
        print(f"{'win':>3}{cpu_head} {'partition':<12} {'frames':>6} {'late us: min':>12} {'mean':>8} "
              f"{'max':>8} {'jitter':>8} {'used us: mean':>13}", file=out)
        for index, occ in by_window(windows).items():
            least, mean, most, jitter = lateness_stats(occ)
            whole = [w.used for w in occ if w.complete]
            used = f"{us(sum(whole) / len(whole)):>13.3f}" if whole else f"{'-':>13}"
            print(f"{trace.window_short(index):>3}{cpu_cell(occ[0])} {trace.name(occ[0].partition):<12} "
                  f"{len(occ):>6} {us(least):>12.3f} "
                  f"{us(mean):>8.3f} {us(most):>8.3f} {us(jitter):>8.3f} {used}", file=out)
    else:
        print(f"{'frame':>5} {'win':>3}{cpu_head} {'partition':<12} {'planned us':>12} {'start us':>12} "
              f"{'late us':>8} {'used us':>10} {'idle us':>10}", file=out)
    totals = {}
    for w in windows:
        idle = (w.end - w.start) - w.used
        if not aggregate:
            times = (f"{us(w.used):>10.3f} {us(idle):>10.3f}" if w.complete
                     else f"{'(records lost)':>21}")
            print(f"{w.frame:>5} {trace.window_short(w.index):>3}{cpu_cell(w)} {trace.name(w.partition):<12} "
                  f"{us(w.planned_start):>12.3f} {us(w.start):>12.3f} "
                  f"{us(w.start - w.planned_start):>8.3f} {times}", file=out)
        total = totals.setdefault(w.partition, {"windows": 0, "whole": 0, "used": 0, "idle": 0,
                                                "late": 0})
        total["windows"] += 1
        total["late"] = max(total["late"], w.start - w.planned_start)
        if w.complete:
            total["whole"] += 1
            total["used"] += w.used
            total["idle"] += idle
    for p, total in sorted(totals.items()):
        print(f"partition {trace.name(p)}: {count(total['windows'], 'window')}, latest start "
              f"{us(total['late']):.3f} us after plan; in {count(total['whole'], 'whole window')} used "
              f"{us(total['used']):.3f} us, idle {us(total['idle']):.3f} us", file=out)


def first_loads(trace):
    """The RESTART records that are a partition's first load (none of its vcpus ran before):
    the kernel starting it, not the health monitor restarting it."""
    ran, restarted, loads = set(), set(), set()
    for e in trace.events:
        if e.name == "DISPATCH":
            ran.add(e.partition)
        elif e.name == "RESTART":
            if e.partition not in ran and e.partition not in restarted:
                loads.add(e)
            restarted.add(e.partition)
    return loads


# --- SVG --------------------------------------------------------------------------------------

WIDTH = 1600
LABEL = 150
RIGHT = 24
TOP = 64
PARTITION_ROW = 34
VCPU_ROW = 26
GAP = 6
MIN_WIDTH = 2.0          # px: a run or window of a few us in a long span still shows
# Partition colours: none red, grey, black or white, the colours the markers use.
COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#b07aa1", "#9c755f", "#edc948", "#a0cbe8"]
INK = {"vint": "#333333", "port": "#111111", "receive": "#ffffff", "health": "#dd0000",
       "load": "#222222", "actual": "#333333", "blocked": "#444444", "lost": "#000000"}


def nice_step(span, pixels, min_gap=90):
    """A tick step of 1, 2 or 5 times a power of ten leaving at least min_gap pixels."""
    raw = span * min_gap / pixels
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def attributes(attrs):
    """SVG attributes from keywords: font_size -> font-size, class_ -> class."""
    return " ".join(f'{k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())


class Svg:
    def __init__(self, width, height):
        self.parts = ['<?xml version="1.0" encoding="UTF-8"?>',
                      f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" '
                      f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" '
                      f'font-size="12">']

    def add(self, text):
        self.parts.append(text)

    def rect(self, x, y, w, h, title=None, min_width=0.5, **attrs):
        body = f"<title>{escape(title)}</title>" if title else ""
        self.add(f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(w, min_width):.2f}" height="{h:.2f}" '
                 f'{attributes(attrs)}>{body}</rect>')

    def text(self, x, y, s, **attrs):
        self.add(f'<text x="{x:.2f}" y="{y:.2f}" {attributes(attrs)}>{escape(s)}</text>')

    def legend(self, x, y, entries):
        self.add('<g class="legend">')
        for name, shape in entries:
            self.add(f'<g transform="translate({x},{y - 9})">{shape}</g>')
            self.text(x + 24, y, name, fill="#333")
            x += 36 + 7 * len(name)
        self.add("</g>")

    def done(self):
        return "\n".join(self.parts + ["</svg>"]) + "\n"


def span_for(trace, tl, args):
    """[t0, t1) in ns from --frame/--window/--from-us/--to-us; everything by default."""
    t0, t1 = trace.epoch, max(tl.end, trace.epoch + 1)
    if args.frame is not None:
        t0 = trace.frame_start(args.frame)
        t1 = trace.frame_start(args.frame + 1)
        if args.window is not None:
            start, end = trace.planned(args.frame, args.window)
            pad = (end - start) // 20
            t0, t1 = start - pad, end + pad
    if args.from_us is not None:
        t0 = int(args.from_us * 1000)
    if args.to_us is not None:
        t1 = int(args.to_us * 1000)
    if t1 <= t0:
        raise SystemExit("trace.py: the time span is empty")
    return t0, t1


def render_svg(trace, tl, t0, t1):
    """The timeline: every window, run and event in [t0, t1). With several CPUs, a row per CPU
    comes first (its plan beneath what ran on it), and each vcpu's row names its CPU."""
    plot = WIDTH - LABEL - RIGHT
    rows = []   # (kind, partition or cpu, vcpu, y, height)
    y = TOP
    several = trace.cpus > 1
    for c in range(trace.cpus if several else 0):
        rows.append(("cpu", c, None, y, PARTITION_ROW))
        y += PARTITION_ROW + 2
    y += GAP if several else 0
    for p in sorted(trace.partitions):
        rows.append(("partition", p, None, y, PARTITION_ROW))
        y += PARTITION_ROW + 2
        for v in range(trace.partitions[p]):
            rows.append(("vcpu", p, v, y, VCPU_ROW))
            y += VCPU_ROW + 2
        y += GAP
    legend_y = y + 14
    height = legend_y + 30

    def x(t):
        return LABEL + (t - t0) * plot / (t1 - t0)

    def visible(a, b):
        return b >= t0 and a <= t1

    svg = Svg(WIDTH, height)
    svg.add('<defs><clipPath id="plot"><rect x="%d" y="0" width="%d" height="%d"/></clipPath>'
            '<pattern id="blocked" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="%s" stroke-width="3"/></pattern></defs>'
            % (LABEL, plot, height, INK["blocked"]))
    svg.rect(0, 0, WIDTH, height, fill="#ffffff")
    frames_of = (", ".join(f"{trace.schedule_names.get(i, i)} {us(m):.0f} us"
                           for i, m in sorted(trace.schedules.items())) if trace.schedules else
                 f"{us(trace.major):.0f} us")
    svg.text(LABEL, 20, f"Bulkhead schedule trace: {us(t0):.3f} .. {us(t1):.3f} us "
             f"(major frame {frames_of})", font_size="15", font_weight="bold")

    # time axis and grid
    step = nice_step(us(t1 - t0), plot)
    decimals = max(0, -math.floor(math.log10(step)))
    svg.add('<g class="axis">')
    tick = math.ceil(us(t0) / step) * step
    while tick <= us(t1):
        tx = x(tick * 1000)
        svg.add(f'<line x1="{tx:.2f}" y1="{TOP - 14}" x2="{tx:.2f}" y2="{legend_y - 16}" '
                f'stroke="#e4e4e4"/>')
        svg.text(tx, TOP - 18, f"{tick:.{decimals}f}", text_anchor="middle", fill="#444")
        tick += step
    svg.text(WIDTH - RIGHT, TOP - 34, "time (us)", text_anchor="end", fill="#444")
    frames = trace.frames(t0, t1)
    for frame, fx, _ in frames:
        if t0 <= fx <= t1:
            svg.add(f'<line x1="{x(fx):.2f}" y1="{TOP - 8}" x2="{x(fx):.2f}" y2="{legend_y - 16}" '
                    f'stroke="#555" stroke-dasharray="4,3"/>')
            if x(fx) < WIDTH - RIGHT - 50:
                svg.text(x(fx) + 3, TOP - 4, f"frame {frame}", fill="#555", font_size="10")
    # a switch: a solid line across every row, and the schedule's name
    for e in trace.events:
        if e.name == "SCHEDULE_SWITCH" and t0 <= e.time <= t1:
            svg.add(f'<line class="switch" x1="{x(e.time):.2f}" y1="{TOP - 30}" x2="{x(e.time):.2f}" '
                    f'y2="{legend_y - 16}" stroke="#7b3294" stroke-width="2"><title>'
                    f'{escape(f"{us(e.time):.3f} us: schedule switch {trace.describe(e)}")}</title></line>')
            svg.text(x(e.time) + 4, TOP - 30, f"schedule '{trace.schedule_names.get(e.arg, e.arg)}'",
                     fill="#7b3294", font_weight="bold", class_="switch")
    svg.add("</g>")

    planned = [(p, *trace.planned(f, i), trace.window_cpu.get(i, 0)) for f, _, sid in frames
               for i, (p, _, _) in trace.windows.items() if i >> 8 == sid]
    loads = first_loads(trace)
    for kind, p, v, ry, rh in rows:
        if kind == "cpu":
            cpu_row(svg, trace, tl, p, ry, rh, planned, x, visible)
            continue
        color = COLORS[p % len(COLORS)]
        label = trace.name(p) if kind == "partition" else trace.vcpu_name(p, v)
        on = trace.vcpu_cpu.get((p, v), 0) if kind == "vcpu" else None
        if several and kind == "vcpu":
            label += f" (cpu {on})"
        rid = f"partition-{p}" if kind == "partition" else f"vcpu-{p}-{v}"
        svg.add(f'<g class="row {kind}" id="{rid}">')
        svg.rect(0, ry, WIDTH, rh, fill="#f7f7f7" if kind == "partition" else "#fcfcfc")
        svg.text(8 if kind == "partition" else 22, ry + rh / 2 + 4, label,
                 font_weight="bold" if kind == "partition" else "normal")
        svg.add('<g clip-path="url(#plot)">')
        # the plan beneath: a vcpu's, its CPU's windows of its partition
        for wp, start, end, cpu in planned:
            if wp == p and (on is None or cpu == on) and visible(start, end):
                svg.rect(x(start), ry + 1, x(end) - x(start), rh - 2, fill=color, fill_opacity="0.16",
                         stroke=color, stroke_dasharray="3,2", class_="planned", min_width=MIN_WIDTH,
                         title=f"planned window of {trace.name(p)}: {us(start):.3f} .. {us(end):.3f} us")
        own = [w for w in tl.windows if w.partition == p]
        if kind == "partition":
            for w in own:
                if visible(w.start, w.end):
                    svg.rect(x(w.start), ry + rh - 6, x(w.end) - x(w.start), 4, fill=INK["actual"],
                             class_="actual", min_width=MIN_WIDTH,
                             title=f"{trace.window_label(w.index)}{where(trace, w.cpu)}, frame {w.frame}: "
                                   f"{us(w.start):.3f} .. "
                                   f"{us(w.end):.3f} us, {us(w.start - w.planned_start):.3f} us late, "
                                   f"used {us(w.used):.3f} us")
        # blocked is drawn where it costs the partition: inside its own windows (on the vcpu's
        # CPU) only
        for s in tl.blocked:
            if (s.partition, s.vcpu) != (p, v):
                continue
            for w in own:
                if w.cpu != on:
                    continue
                a, b = max(s.start, w.start), min(s.end, w.end)
                if b > a and visible(a, b):
                    svg.rect(x(a), ry + rh / 2 - 4, x(b) - x(a), 8, fill="url(#blocked)",
                             class_="blocked",
                             title=f"{label} blocked {us(s.start):.3f} .. {us(s.end):.3f} us")
        for s in tl.segments:
            if s.partition == p and (kind == "partition" or s.vcpu == v) and visible(s.start, s.end):
                svg.rect(x(s.start), ry + 5, x(s.end) - x(s.start), rh - 14, fill=color,
                         class_="run", min_width=MIN_WIDTH,
                         title=f"{trace.vcpu_name(p, s.vcpu)} ran {us(s.start):.3f} .. "
                               f"{us(s.end):.3f} us ({us(s.end - s.start):.3f} us)")
        for e in tl.points:
            if e.partition != p or not t0 <= e.time <= t1:
                continue
            if kind == "vcpu" and e.vcpu != v or kind == "partition" and e.name not in ("HEALTH", "RESTART"):
                continue
            svg.add(marker(e, x(e.time), ry, rh, trace, e in loads))
        svg.add("</g></g>")

    svg.add('<g clip-path="url(#plot)">')
    for start, end, count, cpu in tl.gaps:
        if visible(start, end):
            of = f" of cpu {cpu}" if several else ""
            svg.rect(x(start), TOP, x(end) - x(start), legend_y - 16 - TOP, fill=INK["lost"],
                     fill_opacity="0.15", class_="lost",
                     title=f"{count} records{of} lost between {us(start):.3f} and {us(end):.3f} us")
    svg.add("</g>")

    legend = [("planned window", f'<rect width="18" height="10" fill="{COLORS[0]}" '
               f'fill-opacity="0.16" stroke="{COLORS[0]}" stroke-dasharray="3,2"/>'),
              ("ran", f'<rect width="18" height="10" fill="{COLORS[0]}"/>'),
              ("window (kernel)", f'<rect y="6" width="18" height="4" fill="{INK["actual"]}"/>'),
              ("blocked in its window", '<rect width="18" height="10" fill="url(#blocked)"/>'),
              ("virtual interrupt", f'<path d="M4,0 L14,0 L9,8 Z" fill="{INK["vint"]}"/>'),
              ("port send", f'<circle cx="9" cy="5" r="4" fill="{INK["port"]}"/>'),
              ("port receive", f'<circle cx="9" cy="5" r="4" fill="{INK["receive"]}" '
               f'stroke="{INK["port"]}"/>'),
              ("loaded", f'<path d="M9,0 L9,10 M5,4 L9,0 L13,4" fill="none" stroke="{INK["load"]}" '
               f'stroke-width="2"/>'),
              ("health / restart", f'<path d="M9,0 L14,5 L9,10 L4,5 Z" fill="{INK["health"]}"/>')]
    if any(e.name == "SCHEDULE_SWITCH" for e in trace.events):
        legend.append(("schedule switch", '<path d="M9,0 L9,10" stroke="#7b3294" stroke-width="2"/>'))
    if tl.gaps:
        legend.append(("records lost", f'<rect width="18" height="10" fill="{INK["lost"]}" '
                       f'fill-opacity="0.15"/>'))
    svg.legend(LABEL, legend_y, legend)
    return svg.done()


def cpu_row(svg, trace, tl, cpu, ry, rh, planned, x, visible):
    """CPU `cpu`'s row: its planned windows (dashed, in their partitions' colours) beneath the
    runs of the vcpus bound to it, and the windows as the kernel opened and closed them."""
    svg.add(f'<g class="row cpu" id="cpu-{cpu}">')
    svg.rect(0, ry, WIDTH, rh, fill="#eef0f4")
    svg.text(8, ry + rh / 2 + 4, f"CPU {cpu}", font_weight="bold")
    svg.add('<g clip-path="url(#plot)">')
    for p, start, end, on in planned:
        if on == cpu and visible(start, end):
            color = COLORS[p % len(COLORS)]
            svg.rect(x(start), ry + 1, x(end) - x(start), rh - 2, fill=color, fill_opacity="0.16",
                     stroke=color, stroke_dasharray="3,2", class_="planned", min_width=MIN_WIDTH,
                     title=f"cpu {cpu}: planned window of {trace.name(p)}: {us(start):.3f} .. "
                           f"{us(end):.3f} us")
    for w in tl.windows:
        if w.cpu == cpu and visible(w.start, w.end):
            svg.rect(x(w.start), ry + rh - 6, x(w.end) - x(w.start), 4, fill=INK["actual"],
                     class_="actual", min_width=MIN_WIDTH,
                     title=f"cpu {cpu}: {trace.window_label(w.index)} ({trace.name(w.partition)}), "
                           f"frame {w.frame}: {us(w.start):.3f} .. {us(w.end):.3f} us, "
                           f"{us(w.start - w.planned_start):.3f} us late")
    for s in tl.segments:
        if trace.vcpu_cpu.get((s.partition, s.vcpu), 0) == cpu and visible(s.start, s.end):
            svg.rect(x(s.start), ry + 5, x(s.end) - x(s.start), rh - 14,
                     fill=COLORS[s.partition % len(COLORS)], class_="run", min_width=MIN_WIDTH,
                     title=f"cpu {cpu}: {trace.vcpu_name(s.partition, s.vcpu)} ran "
                           f"{us(s.start):.3f} .. {us(s.end):.3f} us")
    svg.add("</g></g>")


def marker(e, mx, ry, rh, trace, load=False):
    """A point event's shape on its row, with the event in words as its tooltip. A partition's
    first load is drawn apart: it is no fault."""
    who = trace.vcpu_name(e.partition, e.vcpu) if e.vcpu != NONE else trace.name(e.partition)
    what = "load" if load else e.name.lower()
    title = f"<title>{escape(f'{us(e.time):.3f} us {what} {who} {trace.describe(e)}')}</title>"
    if e.name == "VINT":
        return (f'<path class="marker vint" d="M{mx - 4:.2f},{ry + 1} L{mx + 4:.2f},{ry + 1} '
                f'L{mx:.2f},{ry + 8}Z" fill="{INK["vint"]}">{title}</path>')
    if e.name in ("PORT_SEND", "PORT_RECEIVE"):
        fill = INK["port"] if e.name == "PORT_SEND" else INK["receive"]
        return (f'<circle class="marker port" cx="{mx:.2f}" cy="{ry + rh - 5}" r="3.5" fill="{fill}" '
                f'stroke="{INK["port"]}">{title}</circle>')
    cy = ry + rh / 2
    if load:
        return (f'<path class="marker load" d="M{mx:.2f},{cy + 7} L{mx:.2f},{cy - 7} '
                f'M{mx - 4:.2f},{cy - 3} L{mx:.2f},{cy - 7} L{mx + 4:.2f},{cy - 3}" fill="none" '
                f'stroke="{INK["load"]}" stroke-width="2">{title}</path>')
    return (f'<path class="marker health" d="M{mx:.2f},{cy - 7} L{mx + 6:.2f},{cy} L{mx:.2f},{cy + 7} '
            f'L{mx - 6:.2f},{cy}Z" fill="{INK["health"]}" stroke="#fff">{title}</path>')


AGGREGATE_ROW = 96


def render_aggregate(trace, tl, t0, t1):
    """Many frames: for each window of the plan, its start lateness frame after frame as a plot
    (the band between least and most where frames outnumber pixels), with its jitter, and a
    marker at each frame where the partition met the health monitor."""
    windows = by_window(in_span(tl, t0, t1))
    frames = sorted({w.frame for occ in windows.values() for w in occ})
    f0, f1 = frames[0], max(frames[-1], frames[0] + 1)
    plot = WIDTH - LABEL - RIGHT - 60
    left = LABEL + 60
    height = TOP + len(windows) * (AGGREGATE_ROW + GAP) + 60
    health = {}
    for e in trace.events:
        if e.name == "HEALTH" and t0 <= e.time < t1:
            health.setdefault(e.partition, set()).add(trace.frame_at(e.time))

    def x(frame):
        return left + (frame - f0) * plot / (f1 - f0)

    svg = Svg(WIDTH, height)
    svg.rect(0, 0, WIDTH, height, fill="#ffffff")
    svg.text(LABEL, 20, f"Bulkhead schedule trace: window start lateness over {len(frames)} major "
             f"frames ({f0} .. {frames[-1]}, major frame {us(trace.major):.0f} us)",
             font_size="15", font_weight="bold")
    svg.text(LABEL, 38, f"more than {AGGREGATE_FRAMES} frames: one plot per window of the plan; "
             "zoom into frames with --frame N", fill="#555")
    step = max(1, int(nice_step(f1 - f0, plot)))
    svg.add('<g class="axis">')
    for frame in range(math.ceil(f0 / step) * step, f1 + 1, step):
        svg.add(f'<line x1="{x(frame):.2f}" y1="{TOP - 6}" x2="{x(frame):.2f}" '
                f'y2="{height - 50}" stroke="#e4e4e4"/>')
        svg.text(x(frame), TOP - 10, str(frame), text_anchor="middle", fill="#444")
    svg.text(WIDTH - RIGHT, TOP - 26, "major frame", text_anchor="end", fill="#444")
    svg.add("</g>")
    y = TOP
    for index, occ in windows.items():
        p = occ[0].partition
        color = COLORS[p % len(COLORS)]
        least, mean, most, jitter = lateness_stats(occ)
        top, bottom = y + 6, y + AGGREGATE_ROW - 6
        # the row spans least .. most lateness, so the jitter fills it
        low, high = least, max(most, least + 10)

        def ly(late):
            return bottom - (bottom - top) * (late - low) / (high - low)

        svg.add(f'<g class="lateness" id="window-{index}">')
        svg.rect(0, y, WIDTH, AGGREGATE_ROW, fill="#f7f7f7")
        svg.text(8, y + 18, trace.window_label(index), font_weight="bold")
        svg.text(8, y + 34, trace.name(p) + where(trace, trace.window_cpu.get(index, 0)))
        svg.text(8, y + 52, f"late {us(least):.3f} .. {us(most):.3f} us", font_size="10",
                 fill="#333")
        svg.text(8, y + 66, f"mean {us(mean):.3f} us", font_size="10", fill="#333")
        svg.text(8, y + 80, f"jitter {us(jitter):.3f} us", font_size="10", fill="#333",
                 class_="jitter")
        svg.text(left - 4, top + 8, f"{us(high):.3f}", text_anchor="end", font_size="10",
                 fill="#555")
        svg.text(left - 4, bottom, f"{us(low):.3f} us", text_anchor="end", font_size="10",
                 fill="#555")
        columns = {}
        for w in occ:
            columns.setdefault(round(x(w.frame)), []).append(w.start - w.planned_start)
        if len(columns) < len(occ):      # more frames than pixels: the band from least to most
            path = " ".join(f"M{cx},{ly(min(v)):.1f}V{ly(max(v)) - 0.5:.1f}"
                            for cx, v in sorted(columns.items()))
            svg.add(f'<path class="late" d="{path}" stroke="{color}" stroke-width="1" '
                    f'fill="none"/>')
        else:
            points = " ".join(f"{x(w.frame):.1f},{ly(w.start - w.planned_start):.1f}" for w in occ)
            svg.add(f'<polyline class="late" points="{points}" stroke="{color}" '
                    f'stroke-width="1.5" fill="none"/>')
        svg.add(f'<line class="mean" x1="{left}" x2="{left + plot}" y1="{ly(mean):.1f}" '
                f'y2="{ly(mean):.1f}" stroke="#333" stroke-dasharray="4,3"/>')
        for frame in sorted(health.get(p, ())):
            if frame in {w.frame for w in occ}:
                mx, cy = x(frame), top + 6
                svg.add(f'<path class="marker health" d="M{mx:.1f},{cy - 6} L{mx + 5:.1f},{cy} '
                        f'L{mx:.1f},{cy + 6} L{mx - 5:.1f},{cy}Z" fill="{INK["health"]}">'
                        f'<title>frame {frame}: health-monitor event in {trace.name(p)}</title></path>')
        for w in occ:
            if not w.complete:
                svg.rect(x(w.frame), top, 1, bottom - top, fill=INK["lost"], class_="lost")
        svg.add("</g>")
        y += AGGREGATE_ROW + GAP
    svg.legend(LABEL, height - 24,
               [("start lateness per frame", f'<path d="M0,8 L6,2 L12,6 L18,1" stroke="{COLORS[0]}" '
                 'stroke-width="1.5" fill="none"/>'),
                ("mean", '<path d="M0,5 L18,5" stroke="#333" stroke-dasharray="4,3"/>'),
                ("health-monitor event", f'<path d="M9,0 L14,5 L9,10 L4,5 Z" '
                 f'fill="{INK["health"]}"/>')])
    return svg.done()


# --- Perfetto / Chrome trace event format -------------------------------------------------------
#
# The Trace Event Format (JSON): processes (pid) hold threads (tid); each thread is a track.
# CPU c: pid 1, tid 1 + 2c (what ran) and 2 + 2c (windows as the kernel opened them).
# Partition p: pid 100 (p + 1); its own track tid = pid (planned windows, of CPU 0 with several
# CPUs; loads, restarts), CPU c's planned windows (c > 0) tid = pid + 10 + c, and vcpu v: tid =
# pid + 1 + v (runs, blocked stretches, interrupts, port messages, health events).

CPU_PID = 1


def cpu_tids(cpu):
    return 1 + 2 * cpu, 2 + 2 * cpu


def partition_pid(p):
    return 100 * (p + 1)


def vcpu_tid(p, v):
    return partition_pid(p) + 1 + v


def plan_tid(p, cpu):
    """The track of partition p's planned windows on CPU `cpu`: windows on two CPUs at once would
    overlap on one track, which the format forbids."""
    return partition_pid(p) + (10 + cpu if cpu else 0)


def dispatches(trace, end):
    """One run per DISPATCH, as the kernel counts them: (partition, vcpu, start, end, fresh,
    cpu). A run ends at the vcpu's next DISPATCH (it kept the CPU with a fresh quantum), PREEMPT,
    BLOCK or STOP, its partition's RESTART, or the last record before a loss."""
    runs, open_runs, last = [], {}, trace.epoch

    def close(key, t):
        start, fresh, cpu = open_runs.pop(key)
        runs.append((*key, start, t, fresh, cpu))

    for e in trace.events:
        key = (e.partition, e.vcpu)
        if e.name == "DISPATCH":
            if key in open_runs:
                close(key, e.time)
            open_runs[key] = (e.time, bool(e.arg), e.cpu)
        elif e.name in ("PREEMPT", "BLOCK", "STOP") and key in open_runs:
            close(key, e.time)
        elif e.name == "RESTART":
            for k in [k for k in open_runs if k[0] == e.partition]:
                close(k, e.time)
        elif e.name == "LOST":
            for k in list(open_runs):
                close(k, last)
        last = e.time
    for k in list(open_runs):
        close(k, end)
    return sorted(runs, key=lambda r: r[2])


def queuing_channels(trace):
    """Channels the stream shows to be queuing: a vcpu blocked on them (BLOCK's arg is the
    queuing channel + 1). The stream does not say a channel's kind otherwise."""
    return {e.arg - 1 for e in trace.events if e.name == "BLOCK" and e.arg}


def message_pairs(trace):
    """(send, receive) events: on a queuing channel each receive takes the oldest message not yet
    received; on any other (sampling) each read is of the newest sample written. Pairing starts
    afresh after lost records."""
    queuing = queuing_channels(trace)
    pending, pairs = {}, []
    for e in trace.events:
        if e.name == "LOST":
            pending.clear()
        elif e.name == "PORT_SEND":
            pending.setdefault(e.arg & 0xFFFF, []).append(e)
        elif e.name == "PORT_RECEIVE":
            channel = e.arg & 0xFFFF
            sent = pending.get(channel)
            if sent:
                pairs.append((sent.pop(0) if channel in queuing else sent[-1], e))
                if channel not in queuing:
                    del sent[:-1]
    return pairs


# Point events as instants on their vcpu's track (a partition's own without a vcpu): name, category.
INSTANTS = {"VINT": ("vint", "vint"), "PORT_SEND": ("send", "port"),
            "PORT_RECEIVE": ("receive", "port"), "HEALTH": ("health", "health"),
            "STOP": ("stop", "vcpu"), "RESTART": ("restart", "partition")}


def perfetto_trace(trace, tl, t0, t1):
    """The trace as a Trace Event Format object (ui.perfetto.dev, chrome://tracing), with what
    starts in [t0, t1)."""
    events, tracks = [], set()

    def emit(ph, name, pid, tid, ns, cat, **fields):
        tracks.add((pid, tid))
        events.append(dict(name=name, cat=cat, ph=ph, ts=round(ns / 1000, 3), pid=pid, tid=tid,
                           **fields))

    def inside(ns):
        return t0 <= ns < t1

    def vcpu_track(e):
        p = e.partition
        return (partition_pid(p), partition_pid(p) if e.vcpu == NONE else vcpu_tid(p, e.vcpu))

    loads = first_loads(trace)
    last_frame = max((w.frame for w in tl.windows), default=-1)
    for frame in range(last_frame + 1):
        sid = trace.regime_of_frame(frame).schedule
        for index, (p, _, _) in sorted(trace.windows.items()):
            if index >> 8 != sid:
                continue
            start, end = trace.planned(frame, index)
            cpu = trace.window_cpu.get(index, 0)
            if inside(start) and start <= tl.end:
                args = {"window": index, "frame": frame, **({"cpu": cpu} if trace.cpus > 1 else {})}
                emit("X", trace.window_label(index), partition_pid(p), plan_tid(p, cpu), start, "plan",
                     dur=round((end - start) / 1000, 3), args=args)
    for w in tl.windows:
        if inside(w.start):
            emit("X", trace.name(w.partition), CPU_PID, cpu_tids(w.cpu)[1], w.start, "window",
                 dur=round((w.end - w.start) / 1000, 3),
                 args={"window": w.index, "frame": w.frame, "late_us": us(w.start - w.planned_start),
                       "used_us": us(w.used), "complete": w.complete})
    for p, v, start, end, fresh, cpu in dispatches(trace, tl.end):
        if inside(start):
            dur = round((end - start) / 1000, 3)
            args = {"fresh_quantum": fresh, "cpu": cpu}
            emit("X", "run", partition_pid(p), vcpu_tid(p, v), start, "run", dur=dur, args=args)
            emit("X", trace.vcpu_name(p, v), CPU_PID, cpu_tids(cpu)[0], start, "cpu", dur=dur,
                 args=args)
    for s in tl.blocked:
        if inside(s.start):
            emit("X", "blocked", partition_pid(s.partition), vcpu_tid(s.partition, s.vcpu),
                 s.start, "blocked", dur=round((s.end - s.start) / 1000, 3))
    # a flow binds to the slice around each end: every send and receive has a run or a blocked
    # stretch of its vcpu around it, except at the edge of lost records
    spans = {}
    for e in events:
        if e["cat"] in ("run", "blocked"):
            spans.setdefault((e["pid"], e["tid"]), []).append((e["ts"], e["ts"] + e["dur"]))
    for track in spans.values():
        track.sort()

    def bound(e):
        track = spans.get(vcpu_track(e), [])
        i = bisect.bisect_right(track, (us(e.time), math.inf))
        return i > 0 and us(e.time) < track[i - 1][1]
    for e in trace.events:
        if not inside(e.time):
            continue
        if e.name == "LOST":
            emit("i", f"{count(e.arg, 'record')} lost", CPU_PID, cpu_tids(e.cpu)[0], e.time, "lost",
                 s="g", args={"records": e.arg})
        elif e.name in INSTANTS:
            word, cat = ("load", "partition") if e in loads else INSTANTS[e.name]
            emit("i", f"{word} {trace.describe(e)}", *vcpu_track(e), e.time, cat, s="t",
                 args={"arg": e.arg, "cpu": e.cpu})
    for flow, (send, receive) in enumerate(message_pairs(trace), 1):
        if inside(send.time) and inside(receive.time) and bound(send) and bound(receive):
            channel = trace.channels.get(send.arg & 0xFFFF, str(send.arg & 0xFFFF))
            emit("s", channel, *vcpu_track(send), send.time, "port", id=flow)
            emit("f", channel, *vcpu_track(receive), receive.time, "port", id=flow, bp="e")

    order = {"X": 0, "i": 1, "s": 2, "f": 3}
    events.sort(key=lambda e: (e["ts"], order[e["ph"]]))
    # process metadata on a thread of the process: tid 0 would be a thread of every process
    meta = [dict(name="process_name", ph="M", pid=CPU_PID, tid=CPU_PID, args={"name": "CPUs"}),
            dict(name="process_sort_index", ph="M", pid=CPU_PID, tid=CPU_PID,
                 args={"sort_index": 0})]
    for p in sorted(trace.partitions):
        pid = partition_pid(p)
        on = {trace.window_cpu.get(i, 0) for i, (q, _, _) in trace.windows.items() if q == p}
        meta += [dict(name="process_name", ph="M", pid=pid, tid=pid,
                      args={"name": f"partition {trace.name(p)}"}),
                 dict(name="process_sort_index", ph="M", pid=pid, tid=pid, args={"sort_index": p + 1}),
                 dict(name="thread_name", ph="M", pid=pid, tid=pid,
                      args={"name": f"{trace.name(p)} windows{where(trace, 0) if 0 in on else ''}"}),
                 dict(name="thread_sort_index", ph="M", pid=pid, tid=pid, args={"sort_index": 0})]
        for cpu in sorted({c for pid_, tid in tracks if pid_ == pid
                           for c in range(1, trace.cpus) if tid == plan_tid(p, c)}):
            meta += [dict(name="thread_name", ph="M", pid=pid, tid=plan_tid(p, cpu),
                          args={"name": f"{trace.name(p)} windows{where(trace, cpu)}"}),
                     dict(name="thread_sort_index", ph="M", pid=pid, tid=plan_tid(p, cpu),
                          args={"sort_index": 10 + cpu})]
        for v in range(trace.partitions[p]):
            meta += [dict(name="thread_name", ph="M", pid=pid, tid=vcpu_tid(p, v),
                          args={"name": trace.vcpu_name(p, v)}),
                     dict(name="thread_sort_index", ph="M", pid=pid, tid=vcpu_tid(p, v),
                          args={"sort_index": v + 1})]
    for tid in sorted({tid for pid, tid in tracks if pid == CPU_PID} |
                      {tid for c in range(trace.cpus) for tid in cpu_tids(c)}):
        cpu, windows = divmod(tid - 1, 2)
        meta += [dict(name="thread_name", ph="M", pid=CPU_PID, tid=tid,
                      args={"name": f"CPU {cpu}" + (" windows" if windows else "")}),
                 dict(name="thread_sort_index", ph="M", pid=CPU_PID, tid=tid,
                      args={"sort_index": tid})]
    return {"traceEvents": meta + events, "displayTimeUnit": "ns",
            "otherData": {"source": "Bulkhead schedule trace", "epoch_us": us(trace.epoch),
                          "major_frame_us": us(trace.major), "records_lost": trace.lost,
                          "bytes_skipped": trace.skipped}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trace", help="the binary trace (COM2), e.g. build/trace.bin")
    parser.add_argument("-o", "--output", help="write the SVG timeline (or --format's file) here")
    parser.add_argument("--format", choices=("svg", "perfetto"), default="svg",
                        help="svg: a picture; perfetto: Trace Event Format JSON for "
                             "ui.perfetto.dev and chrome://tracing")
    parser.add_argument("--frame", type=int, help="show major frame N only")
    parser.add_argument("--window", type=int, help="with --frame: zoom to plan window I of that frame")
    parser.add_argument("--from-us", type=float, help="start of the time span (us since boot)")
    parser.add_argument("--to-us", type=float, help="end of the time span (us since boot)")
    parser.add_argument("--timeline", action="store_true",
                        help=f"draw every frame even over {AGGREGATE_FRAMES} frames")
    parser.add_argument("--quiet", action="store_true", help="no per-window summary")
    args = parser.parse_args(argv)
    if args.window is not None and args.frame is None:
        parser.error("--window needs --frame")
    try:
        trace = read_trace(args.trace)
    except (OSError, ValueError) as e:
        raise SystemExit(f"trace.py: {args.trace}: {e}")
    tl = Timeline(trace)
    t0, t1 = span_for(trace, tl, args)
    aggregate = not args.timeline and frame_count(tl, t0, t1) > AGGREGATE_FRAMES
    if not args.quiet:
        summary(trace, tl, t0, t1, aggregate)
    if args.output:
        if args.format == "perfetto":
            text = json.dumps(perfetto_trace(trace, tl, t0, t1), separators=(",", ":")) + "\n"
            what = "Trace Event Format: open it in ui.perfetto.dev or chrome://tracing"
        elif aggregate:
            text = render_aggregate(trace, tl, t0, t1)
            what = f"{frame_count(tl, t0, t1)} frames aggregated"
        else:
            text = render_svg(trace, tl, t0, t1)
            what = "timeline"
        with open(args.output, "w") as f:
            f.write(text)
        print(f"trace.py: wrote {args.output} ({us(t0):.3f} .. {us(t1):.3f} us; {what})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:           # the summary into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
