#!/usr/bin/env python3
"""Decodes Bulkhead's schedule trace (the COM2 stream, docs/trace.md): prints what each window
did against the plan, and draws an SVG timeline with one row per partition and per vcpu, the
planned windows beneath what actually ran.

    tools/trace.py build/trace.bin [-o build/trace.svg] [--frame N [--window I]]
                   [--from-us A] [--to-us B] [--quiet]

Python 3, standard library only. Event codes and names are read from the kernel's headers, so
this file never disagrees with them. Times are microseconds of the kernel's clock (since boot),
as in the console's t= values.
"""
import argparse
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
# BH_VINT_LINES counts the lines and names none
VINT_LINES = {v: k for k, v in strip("BH_VINT_", c_enum("include/public/vint.h", "bh_vint_line")).items()
              if k != "LINES"}
VCPU_STATES = {v: k for k, v in strip("BH_VCPU_", c_enum("include/public/hypercall.h", "bh_vcpu_state")).items()}
MODES = {v: k for k, v in strip("BH_MODE_", c_enum("include/public/hypercall.h", "bh_partition_mode")).items()}
HM_EVENTS = {v: k for k, v in strip("HM_EVENT_", c_enum("include/core/deployment.h", "hm_event")).items()}
HM_ACTIONS = {v: k for k, v in strip("HM_ACTION_", c_enum("include/core/deployment.h", "hm_action")).items()}

Record = namedtuple("Record", "type partition vcpu arg time")
Event = namedtuple("Event", "time name partition vcpu arg")          # time in ns
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
    """The plan (from the TRACE_META_ records) and the events, with times in ns."""

    def __init__(self, records, skipped=0):
        self.skipped = skipped
        self.lost = 0
        self.period_fs = None
        self.epoch = self.major = None
        self.windows = {}         # index -> (partition, offset ns, duration ns)
        self.partitions = {}      # id -> vcpu count
        self.names = {}           # id -> partition name
        self.channels = {}        # index -> channel name
        name_parts, channel_parts, raw, plan = {}, {}, [], None
        for r in records:
            name = NAMES[r.type]
            if name == "META_CLOCK":
                self.period_fs = r.arg
            elif name == "META_PLAN":
                plan = (r.time, r.arg)
            elif name == "META_WINDOW":
                self.windows[r.vcpu] = (r.partition, r.time, r.arg)
            elif name == "META_PARTITION":
                self.partitions[r.partition] = r.vcpu
            elif name in ("META_PARTITION_NAME", "META_CHANNEL_NAME"):
                parts = name_parts if name == "META_PARTITION_NAME" else channel_parts
                parts.setdefault(r.partition, {})[r.vcpu] = struct.pack("<IQ", r.arg, r.time)
            else:
                raw.append(r)
        if self.period_fs is None or plan is None:
            raise ValueError("no TRACE_META_CLOCK/PLAN record: the start of the stream is missing")
        self.epoch, self.major = self.ns(plan[0]), self.ns(plan[1])
        self.windows = {i: (p, self.ns(o), self.ns(d)) for i, (p, o, d) in self.windows.items()}
        for target, parts in ((self.names, name_parts), (self.channels, channel_parts)):
            for key, chunks in parts.items():
                joined = b"".join(chunks[k] for k in sorted(chunks))
                target[key] = joined.rstrip(b"\0").decode("utf-8", "replace")
        self.events = []
        for r in raw:
            name = NAMES[r.type]
            if name == "LOST":
                self.lost += r.arg
            self.events.append(Event(self.ns(r.time), name, r.partition, r.vcpu, r.arg))

    def ns(self, ticks):
        return ticks * self.period_fs // 1_000_000

    def name(self, partition):
        return self.names.get(partition, f"p{partition}")

    def vcpu_name(self, partition, vcpu):
        return f"{self.name(partition)}.{vcpu}"

    def planned(self, frame, index):
        """(start, end) in ns of window `index` in major frame `frame`."""
        _, offset, duration = self.windows[index]
        start = self.epoch + frame * self.major + offset
        return start, start + duration

    def describe(self, e):
        """The event's argument in words."""
        if e.name in ("WINDOW_START", "WINDOW_END"):
            return f"window {e.arg}"
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
        if e.name in ("PORT_SEND", "PORT_RECEIVE"):
            channel = e.arg & 0xFFFF
            return f"'{self.channels.get(channel, channel)}' {e.arg >> 16} bytes"
        if e.name == "HEALTH":
            return (f"{HM_EVENTS.get(e.arg & 0xFF, e.arg & 0xFF)} -> "
                    f"{HM_ACTIONS.get(e.arg >> 8, e.arg >> 8)}").lower()
        if e.name == "RESTART":
            return MODES.get(e.arg, str(e.arg)).lower()
        if e.name == "LOST":
            return f"{e.arg} records lost"
        return ""


def read_trace(path):
    with open(path, "rb") as f:
        records, skipped = parse_records(f.read())
    return Trace(records, skipped)


class Occurrence:
    """One window as it happened: planned and actual times, and how much of it was used."""

    def __init__(self, index, partition, frame, planned, start):
        self.index, self.partition, self.frame = index, partition, frame
        self.planned_start, self.planned_end = planned
        self.start, self.end = start, None
        self.used = 0
        self.complete = True      # false when records of it were lost


class Timeline:
    """Run segments, blocked stretches, window occurrences and point events, rebuilt from the
    events. A vcpu runs from its DISPATCH to its PREEMPT, BLOCK, STOP or its partition's RESTART;
    it is blocked from BLOCK to WAKE, STOP or RESTART. Where records were lost, everything open is
    closed at the last record before the gap, and the gap is kept as (start, end, records)."""

    def __init__(self, trace):
        self.trace = trace
        self.segments, self.blocked, self.windows, self.points, self.gaps = [], [], [], [], []
        self.end = trace.events[-1].time if trace.events else trace.epoch
        running, blocked_since, open_windows = {}, {}, {}
        last = trace.epoch

        def stop_running(key, t):
            if key in running:
                self.segments.append(Segment(*key, running.pop(key), t))

        def stop_blocked(key, t):
            if key in blocked_since:
                self.blocked.append(Segment(*key, blocked_since.pop(key), t))

        for e in trace.events:
            key = (e.partition, e.vcpu)
            if e.name == "LOST":
                for k in list(running):
                    stop_running(k, last)
                for k in list(blocked_since):
                    stop_blocked(k, last)
                for w in open_windows.values():
                    w.end, w.complete = last, False
                open_windows.clear()
                self.gaps.append((last, e.time, e.arg))
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
                frame = round((e.time - trace.epoch - offset) / trace.major)
                w = Occurrence(e.arg, e.partition, frame, trace.planned(frame, e.arg), e.time)
                open_windows[e.partition] = w
                self.windows.append(w)
            elif e.name == "WINDOW_END":
                if e.partition in open_windows:
                    open_windows.pop(e.partition).end = e.time
            else:
                self.points.append(e)
            last = e.time
        for key in list(running):
            stop_running(key, self.end)
        for key in list(blocked_since):
            stop_blocked(key, self.end)
        for w in open_windows.values():
            w.end = self.end
        self.segments.sort(key=lambda s: s.start)
        for w in self.windows:
            w.used = sum(max(0, min(s.end, w.end) - max(s.start, w.start))
                         for s in self.segments if s.partition == w.partition)


def us(ns):
    return ns / 1000.0


def summary(trace, tl, t0, t1, out=sys.stdout):
    """One line per window that starts in [t0, t1), then totals per partition."""
    print(f"schedule: epoch {us(trace.epoch):.3f} us, major frame {us(trace.major):.3f} us, "
          f"{len(trace.windows)} windows; {len(trace.events)} events", file=out)
    if trace.lost or trace.skipped:
        print(f"stream: {trace.lost} records lost in the kernel, {trace.skipped} bytes skipped",
              file=out)
    print(f"{'frame':>5} {'win':>3} {'partition':<12} {'planned us':>12} {'start us':>12} "
          f"{'late us':>8} {'used us':>10} {'idle us':>10}", file=out)
    totals = {}
    for w in tl.windows:
        if not t0 <= w.start < t1:
            continue
        idle = (w.end - w.start) - w.used
        times = f"{us(w.used):>10.3f} {us(idle):>10.3f}" if w.complete else f"{'(records lost)':>21}"
        print(f"{w.frame:>5} {w.index:>3} {trace.name(w.partition):<12} {us(w.planned_start):>12.3f} "
              f"{us(w.start):>12.3f} {us(w.start - w.planned_start):>8.3f} {times}", file=out)
        total = totals.setdefault(w.partition, {"windows": 0, "whole": 0, "used": 0, "idle": 0,
                                                "late": 0})
        total["windows"] += 1
        total["late"] = max(total["late"], w.start - w.planned_start)
        if w.complete:
            total["whole"] += 1
            total["used"] += w.used
            total["idle"] += idle
    for p, total in sorted(totals.items()):
        print(f"partition {trace.name(p)}: {total['windows']} windows, latest start "
              f"{us(total['late']):.3f} us after plan; in {total['whole']} whole windows used "
              f"{us(total['used']):.3f} us, idle {us(total['idle']):.3f} us", file=out)


# --- SVG --------------------------------------------------------------------------------------

WIDTH = 1600
LABEL = 150
RIGHT = 24
TOP = 64
PARTITION_ROW = 34
VCPU_ROW = 26
GAP = 6
COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#9c755f", "#edc948"]


def nice_step(span_us, pixels, min_gap=90):
    """A tick step of 1, 2 or 5 times a power of ten leaving at least min_gap pixels."""
    raw = span_us * min_gap / pixels
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def attributes(attrs):
    """SVG attributes from keywords: font_size -> font-size, class_ -> class."""
    return " ".join(f'{k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())


class Svg:
    def __init__(self):
        self.parts = []

    def add(self, text):
        self.parts.append(text)

    def rect(self, x, y, w, h, title=None, **attrs):
        body = f"<title>{escape(title)}</title>" if title else ""
        self.add(f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(w, 0.5):.2f}" height="{h:.2f}" '
                 f'{attributes(attrs)}>'
                 f'{body}</rect>')

    def text(self, x, y, s, **attrs):
        self.add(f'<text x="{x:.2f}" y="{y:.2f}" {attributes(attrs)}>{escape(s)}</text>')


def span_for(trace, tl, args):
    """[t0, t1) in ns from --frame/--window/--from-us/--to-us; everything by default."""
    t0, t1 = trace.epoch, max(tl.end, trace.epoch + 1)
    if args.frame is not None:
        t0 = trace.epoch + args.frame * trace.major
        t1 = t0 + trace.major
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
    plot = WIDTH - LABEL - RIGHT
    rows = []   # (kind, partition, vcpu, y, height)
    y = TOP
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

    svg = Svg()
    svg.add('<?xml version="1.0" encoding="UTF-8"?>')
    svg.add(f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
            f'height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" '
            f'font-size="12">')
    svg.add('<defs><clipPath id="plot"><rect x="%d" y="0" width="%d" height="%d"/></clipPath>'
            '<pattern id="blocked" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#888" stroke-width="3"/></pattern></defs>'
            % (LABEL, plot, height))
    svg.rect(0, 0, WIDTH, height, fill="#ffffff")
    svg.text(LABEL, 20, f"Bulkhead schedule trace: {us(t0):.3f} .. {us(t1):.3f} us "
             f"(major frame {us(trace.major):.0f} us)", font_size="15", font_weight="bold")

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
    first = max(0, (t0 - trace.epoch) // trace.major)
    last = (t1 - trace.epoch) // trace.major
    for frame in range(first, last + 1):
        fx = trace.epoch + frame * trace.major
        if t0 <= fx <= t1:
            svg.add(f'<line x1="{x(fx):.2f}" y1="{TOP - 8}" x2="{x(fx):.2f}" y2="{legend_y - 16}" '
                    f'stroke="#555" stroke-dasharray="4,3"/>')
            if x(fx) < WIDTH - RIGHT - 50:
                svg.text(x(fx) + 3, TOP - 4, f"frame {frame}", fill="#555", font_size="10")
    svg.add("</g>")

    planned = [(p, *trace.planned(f, i)) for f in range(first, last + 1)
               for i, (p, _, _) in trace.windows.items()]
    for kind, p, v, ry, rh in rows:
        color = COLORS[p % len(COLORS)]
        label = trace.name(p) if kind == "partition" else trace.vcpu_name(p, v)
        rid = f"partition-{p}" if kind == "partition" else f"vcpu-{p}-{v}"
        svg.add(f'<g class="row {kind}" id="{rid}">')
        svg.rect(0, ry, WIDTH, rh, fill="#f7f7f7" if kind == "partition" else "#fcfcfc")
        svg.text(8 if kind == "partition" else 22, ry + rh / 2 + 4, label,
                 font_weight="bold" if kind == "partition" else "normal")
        svg.add('<g clip-path="url(#plot)">')
        # the plan beneath
        for wp, start, end in planned:
            if wp == p and visible(start, end):
                svg.rect(x(start), ry + 1, x(end) - x(start), rh - 2, fill=color, fill_opacity="0.16",
                         stroke=color, stroke_dasharray="3,2", class_="planned",
                         title=f"planned window of {trace.name(p)}: {us(start):.3f} .. {us(end):.3f} us")
        if kind == "partition":
            for w in tl.windows:
                if w.partition == p and visible(w.start, w.end):
                    svg.rect(x(w.start), ry + rh - 6, x(w.end) - x(w.start), 4, fill="#333",
                             class_="actual",
                             title=f"window {w.index} frame {w.frame}: {us(w.start):.3f} .. "
                                   f"{us(w.end):.3f} us, {us(w.start - w.planned_start):.3f} us late, "
                                   f"used {us(w.used):.3f} us")
        for s in tl.blocked:
            if (s.partition, s.vcpu) == (p, v) and visible(s.start, s.end):
                svg.rect(x(s.start), ry + rh / 2 - 4, x(s.end) - x(s.start), 8, fill="url(#blocked)",
                         class_="blocked", title=f"{label} blocked {us(s.start):.3f} .. {us(s.end):.3f} us")
        for s in tl.segments:
            if s.partition == p and (kind == "partition" or s.vcpu == v) and visible(s.start, s.end):
                svg.rect(x(s.start), ry + 5, x(s.end) - x(s.start), rh - 14, fill=color,
                         class_="run", title=f"{trace.vcpu_name(p, s.vcpu)} ran {us(s.start):.3f} .. "
                                             f"{us(s.end):.3f} us ({us(s.end - s.start):.3f} us)")
        for e in tl.points:
            if e.partition != p or not t0 <= e.time <= t1:
                continue
            if kind == "vcpu" and e.vcpu != v or kind == "partition" and e.name not in ("HEALTH", "RESTART"):
                continue
            svg.add(marker(e, x(e.time), ry, rh, trace))
        svg.add("</g></g>")

    svg.add('<g clip-path="url(#plot)">')
    for start, end, count in tl.gaps:
        if visible(start, end):
            svg.rect(x(start), TOP, x(end) - x(start), legend_y - 16 - TOP, fill="#999",
                     fill_opacity="0.35", class_="lost",
                     title=f"{count} records lost between {us(start):.3f} and {us(end):.3f} us")
    svg.add("</g>")

    legend = [("planned window", f'<rect width="18" height="10" fill="#4e79a7" fill-opacity="0.16" '
               f'stroke="#4e79a7" stroke-dasharray="3,2"/>'),
              ("ran", '<rect width="18" height="10" fill="#4e79a7"/>'),
              ("window (kernel)", '<rect y="6" width="18" height="4" fill="#333"/>'),
              ("blocked", '<rect width="18" height="10" fill="url(#blocked)"/>'),
              ("virtual interrupt", '<path d="M4,0 L14,0 L9,8 Z" fill="#333"/>'),
              ("port send", '<circle cx="9" cy="5" r="4" fill="#111"/>'),
              ("port receive", '<circle cx="9" cy="5" r="4" fill="#fff" stroke="#111"/>'),
              ("health / restart", '<path d="M9,0 L14,5 L9,10 L4,5 Z" fill="#d00"/>')]
    if tl.gaps:
        legend.append(("records lost", '<rect width="18" height="10" fill="#999" fill-opacity="0.35"/>'))
    lx = LABEL
    svg.add('<g class="legend">')
    for name, shape in legend:
        svg.add(f'<g transform="translate({lx},{legend_y - 9})">{shape}</g>')
        svg.text(lx + 24, legend_y, name, fill="#333")
        lx += 36 + 7 * len(name)
    svg.add("</g></svg>")
    return "\n".join(svg.parts) + "\n"


def marker(e, mx, ry, rh, trace):
    """A point event's shape on its row, with the event in words as its tooltip."""
    who = trace.vcpu_name(e.partition, e.vcpu) if e.vcpu != NONE else trace.name(e.partition)
    title = f"<title>{escape(f'{us(e.time):.3f} us {e.name.lower()} {who} {trace.describe(e)}')}</title>"
    if e.name == "VINT":
        return (f'<path class="marker vint" d="M{mx - 4:.2f},{ry + 1} L{mx + 4:.2f},{ry + 1} '
                f'L{mx:.2f},{ry + 8}Z" fill="#333">{title}</path>')
    if e.name in ("PORT_SEND", "PORT_RECEIVE"):
        fill = "#111" if e.name == "PORT_SEND" else "#fff"
        return (f'<circle class="marker port" cx="{mx:.2f}" cy="{ry + rh - 5}" r="3.5" fill="{fill}" '
                f'stroke="#111">{title}</circle>')
    cy = ry + rh / 2
    return (f'<path class="marker health" d="M{mx:.2f},{cy - 7} L{mx + 6:.2f},{cy} L{mx:.2f},{cy + 7} '
            f'L{mx - 6:.2f},{cy}Z" fill="#d00" stroke="#fff">{title}</path>')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trace", help="the binary trace (COM2), e.g. build/trace.bin")
    parser.add_argument("-o", "--output", help="write the SVG timeline here")
    parser.add_argument("--frame", type=int, help="show major frame N only")
    parser.add_argument("--window", type=int, help="with --frame: zoom to window I of that frame")
    parser.add_argument("--from-us", type=float, help="start of the time span (us since boot)")
    parser.add_argument("--to-us", type=float, help="end of the time span (us since boot)")
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
    if not args.quiet:
        summary(trace, tl, t0, t1)
    if args.output:
        with open(args.output, "w") as f:
            f.write(render_svg(trace, tl, t0, t1))
        print(f"trace.py: wrote {args.output} ({us(t0):.3f} .. {us(t1):.3f} us)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
