"""The schedule trace: the wire format round-trips through the decoder, a real trace of the demo
keeps the plan's invariants, the SVG holds every row and renders, bh-trace agrees with the
stream, the deployment's trace fields are validated, and the hooks cost nothing when off."""
import importlib.util
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zlib

from harness import test, boot, build, expect_status, qemu_command, check_windows_on_time, ROOT, BUILD, QEMU_CWD
from harness import parse_plan, boot_traced, judge

judge_run = judge.judge_run

spec = importlib.util.spec_from_file_location("bulkhead_trace", os.path.join(ROOT, "tools", "trace.py"))
decoder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(decoder)

TRACE_DIR = os.path.join(BUILD, "test-trace")
TOLERANCE_NS = 10_000
DEMO_FRAMES = 6

# The wire format as docs/trace.md states it, written out here on purpose: if the kernel's codes
# or layout change, this test fails until the documentation (and this copy) follow.
WIRE = struct.Struct("<BBBBIQ")
SYNC, NONE = 0xB7, 0xFF
CODE = {"WINDOW_START": 0x00, "WINDOW_END": 0x01, "SCHEDULE_SWITCH": 0x02, "DISPATCH": 0x10, "PREEMPT": 0x11,
        "BLOCK": 0x12, "WAKE": 0x13, "STOP": 0x14, "VINT": 0x20, "DEVICE_IRQ": 0x21,
        "PORT_SEND": 0x30, "PORT_RECEIVE": 0x31, "HEALTH": 0x40, "RESTART": 0x41, "META_CLOCK": 0xF0,
        "META_PLAN": 0xF1, "META_WINDOW": 0xF2, "META_PARTITION": 0xF3,
        "META_PARTITION_NAME": 0xF4, "META_CHANNEL_NAME": 0xF5, "META_SCHEDULE": 0xF6,
        "META_SCHEDULE_NAME": 0xF7, "LOST": 0xFE}


def record(name, partition=NONE, vcpu=NONE, arg=0, time=0):
    return WIRE.pack(SYNC, CODE[name], partition, vcpu, arg, time)


def name_records(kind, index, name):
    data = name.encode().ljust((len(name) + 11) // 12 * 12, b"\0")
    return b"".join(record(kind, index, k, *struct.unpack("<IQ", data[12 * k:12 * k + 12]))
                    for k in range(len(data) // 12))


@test("trace: the decoder reads back a known stream, resynchronises after damage, counts losses",
      group="host")
def _(t):
    t.equal(decoder.CODES, CODE, "event codes the decoder reads from include/core/trace.h")
    period_fs = 10_000_000                       # 10 ns ticks, as QEMU's HPET
    epoch, major = 1000, 100_000                 # ticks: 10 us, 1 ms
    plan = (record("META_CLOCK", arg=period_fs) + record("META_PLAN", 2, arg=major, time=epoch)
            + record("META_WINDOW", 0, 0, arg=40_000, time=0)
            + record("META_WINDOW", 1, 1, arg=50_000, time=50_000)
            + record("META_PARTITION", 0, 1) + name_records("META_PARTITION_NAME", 0, "alpha")
            + record("META_PARTITION", 1, 2)
            + name_records("META_PARTITION_NAME", 1, "a-rather-long-partition-name")
            + name_records("META_CHANNEL_NAME", 0, "telemetry"))
    events = [("WINDOW_START", 0, NONE, 0, 1001), ("DISPATCH", 0, 0, 0, 1010),
              ("VINT", 0, 0, 1, 1020), ("PORT_SEND", 0, 0, 0 | 16 << 16, 1500),
              ("BLOCK", 0, 0, 0, 2000), ("WAKE", 0, 0, 0xFFFFFF92, 3000),
              ("DISPATCH", 0, 0, 0, 3010), ("WINDOW_END", 0, NONE, 0, 41_002),
              ("PREEMPT", 0, 0, 0, 41_020), ("WINDOW_START", 1, NONE, 1, 51_003),
              ("DISPATCH", 1, 1, 0, 51_010), ("PORT_RECEIVE", 1, 1, 0 | 16 << 16, 52_000),
              ("HEALTH", 1, 1, 14 | 3 << 8, 53_000), ("STOP", 1, 1, 5, 53_000),
              ("RESTART", 1, NONE, 1, 60_000), ("LOST", NONE, NONE, 7, 70_000),
              ("WINDOW_END", 1, NONE, 1, 101_001)]
    stream = bytearray(plan)
    for i, (name, p, v, arg, tick) in enumerate(events):
        if i == 8:
            stream += bytes([SYNC, 0x00, 0x12, SYNC, 0x99])   # a burst of noise
        stream += record(name, p, v, arg, tick)
    stream += b"\xb7\x10"                                      # a torn last record

    records, skipped = decoder.parse_records(bytes(stream))
    trace = decoder.Trace(records, skipped)
    t.equal(skipped, 7, "bytes skipped (5 of noise, 2 of the torn record)")
    t.equal((trace.period_fs, trace.epoch, trace.major), (period_fs, 10_000, 1_000_000), "clock and plan")
    t.equal(trace.windows, {0: (0, 0, 400_000), 1: (1, 500_000, 500_000)}, "windows in ns")
    t.equal(trace.names, {0: "alpha", 1: "a-rather-long-partition-name"}, "partition names")
    t.equal(trace.partitions, {0: 1, 1: 2}, "vcpu counts")
    t.equal(trace.channels, {0: "telemetry"}, "channel names")
    # a stream of format 1 (META_CLOCK's time 0): one CPU's, every event on CPU 0
    t.equal((trace.format, trace.cpus), (1, 1), "format and CPUs of a stream before issue 17")
    t.equal([tuple(e) for e in trace.events],
            [(tick * 10, name, p, v, arg, 0) for name, p, v, arg, tick in events], "events")
    t.equal(trace.lost, 7, "records the kernel reported lost")
    t.equal(trace.describe(trace.events[5]), "result -110", "a wake's result")

    tl = decoder.Timeline(trace)
    t.equal([tuple(s) for s in tl.segments],
            [(0, 0, 10_100, 20_000), (0, 0, 30_100, 410_200), (1, 1, 510_100, 530_000)],
            "run segments: dispatch to block, to preempt, to stop")
    t.equal([tuple(s) for s in tl.blocked], [(0, 0, 20_000, 30_000)], "blocked stretches")
    w0, w1 = tl.windows
    t.equal((w0.frame, w0.planned_start, w0.start, w0.end, w0.used),
            (0, 10_000, 10_010, 410_020, 389_820), "window 0 against its plan")
    t.equal((w1.frame, w1.planned_start, w1.start, w1.used), (0, 510_000, 510_030, 19_900),
            "window 1 against its plan")


def on_cpu(cpu, tick):
    """A record's time field in format 2: the CPU in its top byte."""
    return cpu << decoder.CPU_SHIFT | tick


@test("trace: the decoder merges two CPUs' records by time and keeps each CPU's windows, runs and "
      "losses apart", group="host")
def _(t):
    t.equal((decoder.FORMAT, decoder.CPU_SHIFT), (2, 56), "format and CPU field of include/core/trace.h")
    # ticks of 10 ns; one frame of 1 ms: a on CPU 0 (0..400 us), b on CPU 1 (0..300 us), and c
    # with a window on each at once (500..900 us), its vcpu 0 on CPU 0 and vcpu 1 on CPU 1
    plan = (record("META_CLOCK", 2, arg=10_000_000, time=2)
            + record("META_PLAN", 4, 0, arg=100_000, time=1000)
            + record("META_WINDOW", 0, 0, arg=40_000, time=on_cpu(0, 0))
            + record("META_WINDOW", 1, 1, arg=30_000, time=on_cpu(1, 0))
            + record("META_WINDOW", 2, 2, arg=40_000, time=on_cpu(0, 50_000))
            + record("META_WINDOW", 2, 3, arg=40_000, time=on_cpu(1, 50_000))
            + record("META_PARTITION", 0, 1, arg=0) + name_records("META_PARTITION_NAME", 0, "a")
            + record("META_PARTITION", 1, 1, arg=1) + name_records("META_PARTITION_NAME", 1, "b")
            + record("META_PARTITION", 2, 2, arg=1 << 8) + name_records("META_PARTITION_NAME", 2, "c"))
    cpu0 = [("WINDOW_START", 0, NONE, 0, 1010), ("DISPATCH", 0, 0, 0, 1020),
            ("WINDOW_END", 0, NONE, 0, 41_000), ("PREEMPT", 0, 0, 0, 41_010),
            ("WINDOW_START", 2, NONE, 2, 51_010), ("DISPATCH", 2, 0, 0, 51_020),
            ("WINDOW_END", 2, NONE, 2, 91_000), ("PREEMPT", 2, 0, 0, 91_010)]
    cpu1 = [("WINDOW_START", 1, NONE, 1, 1015), ("DISPATCH", 1, 0, 0, 1025),
            ("BLOCK", 1, 0, 1, 11_000), ("LOST", NONE, NONE, 3, 31_005),
            ("WINDOW_START", 2, NONE, 3, 51_005), ("DISPATCH", 2, 1, 0, 51_030),
            ("WINDOW_END", 2, NONE, 3, 91_005), ("PREEMPT", 2, 1, 0, 91_015)]
    # the kernel streams the rings in turns: CPU 1's records come after later ones of CPU 0
    stream = plan + b"".join(record(n, p, v, a, on_cpu(0, tick)) for n, p, v, a, tick in cpu0[:4])
    stream += b"".join(record(n, p, v, a, on_cpu(1, tick)) for n, p, v, a, tick in cpu1)
    stream += b"".join(record(n, p, v, a, on_cpu(0, tick)) for n, p, v, a, tick in cpu0[4:])
    trace = decoder.Trace(*decoder.parse_records(stream))
    t.equal((trace.format, trace.cpus), (2, 2), "format and CPUs")
    t.equal(trace.window_cpu, {0: 0, 1: 1, 2: 0, 3: 1}, "each window's CPU")
    t.equal(trace.windows[3], (2, 500_000, 400_000), "a window of CPU 1 in ns")
    t.equal(trace.vcpu_cpu, {(0, 0): 0, (1, 0): 1, (2, 0): 0, (2, 1): 1}, "each vcpu's CPU")
    merged = sorted([(tick * 10, n, 0) for n, _, _, _, tick in cpu0] +
                    [(tick * 10, n, 1) for n, _, _, _, tick in cpu1])
    t.equal([(e.time, e.name, e.cpu) for e in trace.events], merged, "events merged by time")
    t.equal((trace.lost, trace.lost_by_cpu), (3, {1: 3}), "losses by CPU")

    tl = decoder.Timeline(trace)
    got = [(w.index, w.cpu, w.start, w.end, w.used, w.complete) for w in tl.windows]
    t.equal(got, [(0, 0, 10_100, 410_000, 399_800, True),
                  (1, 1, 10_150, 110_000, 99_750, False),
                  (3, 1, 510_050, 910_050, 399_750, True),
                  (2, 0, 510_100, 910_000, 399_800, True)],
            "windows per CPU: c's two at once each count their own CPU's run; CPU 1's loss "
            "closes CPU 1's window only")
    t.equal([tuple(g) for g in tl.gaps], [(110_000, 310_050, 3, 1)], "the gap, on CPU 1")
    t.equal(sorted((s.partition, s.vcpu, s.start, s.end) for s in tl.segments),
            [(0, 0, 10_200, 410_100), (1, 0, 10_250, 110_000), (2, 0, 510_200, 910_100),
             (2, 1, 510_300, 910_150)], "runs: CPU 0's untouched by CPU 1's loss")
    rows = judge_run("shutdown", trace, frames=1)
    t.equal([r.reasons for r in rows], [[], [], [], ["the trace is incomplete: 3 records lost in "
                                                      "the kernel (cpu 1: 3), 0 bytes skipped"]],
            "the judgement: each CPU's windows on time, on their CPUs")


_demo = {}
_demo_lock = threading.Lock()


def demo_trace(t):
    """A real trace of the demo (shared by the tests below): the boot, the stream, the decoded
    trace and its timeline."""
    with _demo_lock:
        return _demo or _boot_demo(t)


def _boot_demo(t):
    path = os.path.join(TRACE_DIR, "demo.bin")
    r = boot_traced(path, DEMO_FRAMES)
    expect_status(t, r, "shutdown")
    trace = decoder.read_trace(path)
    _demo.update(result=r, path=path, trace=trace, timeline=decoder.Timeline(trace))
    return _demo


@test("trace: a real demo trace is complete and matches the kernel's own accounting")
def _(t):
    d = demo_trace(t)
    trace, serial = d["trace"], d["result"].serial
    m = t.search(serial, r"^bulkhead: trace: (\d+) records, (\d+) lost, (\d+) bytes streamed")
    records, lost, streamed = map(int, m.groups())
    t.equal(lost, 0, "records lost")
    t.equal(os.path.getsize(d["path"]), streamed, "bytes in the COM2 file")
    t.equal(streamed, records * 16, "bytes streamed for the records made")
    t.equal(trace.skipped, 0, "bytes the decoder skipped")
    planned = sorted({name for _, name, _, _ in parse_plan(serial)[2]})
    t.equal(sorted(trace.names.values()), planned, "partition names")
    seen = {e.name for e in trace.events}
    for name in ("WINDOW_START", "WINDOW_END", "DISPATCH", "PREEMPT", "BLOCK", "WAKE", "VINT",
                 "PORT_SEND", "PORT_RECEIVE"):
        t.true(name in seen, f"no {name} event in the demo's trace")
    # every dispatch the kernel counted is in the trace, per vcpu
    for p, v, dispatched in re.findall(r"vcpu (\d+)\.(\d+) \(pool id \d+\): \w+, dispatched (\d+)",
                                       serial):
        traced = sum(1 for e in trace.events
                     if e.name == "DISPATCH" and (e.partition, e.vcpu) == (int(p), int(v)))
        t.equal(traced, int(dispatched), f"DISPATCH events of vcpu {p}.{v}")
    t.note(f"{records} records, {streamed} bytes for {DEMO_FRAMES} frames")


@test("trace: the decoder names the channel a block waited on, a wake's result, each line",
      group="host")
def _(t):
    plan = (record("META_CLOCK", arg=10_000_000) + record("META_PLAN", 1, arg=100_000, time=0)
            + record("META_WINDOW", 0, 0, arg=100_000, time=0) + record("META_PARTITION", 0, 2)
            + name_records("META_PARTITION_NAME", 0, "rx")
            + name_records("META_CHANNEL_NAME", 0, "first")
            + name_records("META_CHANNEL_NAME", 1, "second")
            + name_records("META_CHANNEL_NAME", 2, "third"))
    # a block's argument is the channel + 1 (0: virtual interrupts); a wake's, the call's result
    events = [("BLOCK", 0, 0, 2, 10), ("WAKE", 0, 0, 16, 20), ("BLOCK", 0, 1, 1, 30),
              ("WAKE", 0, 1, 0xFFFFFF92, 40), ("BLOCK", 0, 0, 3, 50), ("BLOCK", 0, 1, 0, 60),
              ("WAKE", 0, 1, 0, 70), ("PORT_SEND", 0, 0, 2 | 8 << 16, 80), ("VINT", 0, 0, 0, 90),
              ("VINT", 0, 0, 5, 91), ("VINT", 0, 0, 6, 92), ("VINT", 0, 0, 7, 93),
              ("VINT", 0, 0, 8, 94)]
    stream = plan + b"".join(record(name, p, v, arg, tick) for name, p, v, arg, tick in events)
    trace = decoder.Trace(*decoder.parse_records(stream))
    t.equal([trace.describe(e) for e in trace.events],
            ["on channel 'second'", "result 16", "on channel 'first'", "result -110",
             "on channel 'third'", "on vints", "result 0", "'third' 8 bytes", "line 0 TIMER",
             "line 5 HEALTH", "line 6 FAULT", "line 7 SCHEDULE", "line 8"], "descriptions")


@test("trace: in the demo's real trace, the logger's blocks name its channel 'commands'")
def _(t):
    trace = demo_trace(t)["trace"]
    logger = [p for p, name in trace.names.items() if name == "logger"][0]
    blocks = [trace.describe(e) for e in trace.events if e.name == "BLOCK" and e.partition == logger]
    t.true(blocks, "the logger never blocked")
    t.equal(sorted(set(blocks)), ["on channel 'commands'"], "what the logger's blocks waited on")


@test("trace: in a real demo trace, events are in time order and windows start within 10 us of plan")
def _(t):
    d = demo_trace(t)
    times = [e.time for e in d["trace"].events]
    t.true(all(a <= b for a, b in zip(times, times[1:])), "events out of time order")
    windows = d["timeline"].windows
    t.equal(len(windows), len(parse_plan(d["result"].serial)[2]) * DEMO_FRAMES, "windows traced")
    # every window, frame 0's first included: the plan starts a lead after the kernel is ready
    worst = 0
    for w in windows:
        late = w.start - w.planned_start
        t.true(0 <= late <= TOLERANCE_NS,
               f"window {w.index} of frame {w.frame} started {late} ns after plan")
        worst = max(worst, late)
    t.note(f"{len(windows)} window starts judged, worst {worst} ns after plan")


@test("trace: in a real demo trace, no vcpu runs outside its partition's windows or while blocked")
def _(t):
    d = demo_trace(t)
    tl = d["timeline"]
    t.true(len(tl.segments) > 4 * DEMO_FRAMES, f"only {len(tl.segments)} run segments")
    for s in tl.segments:
        inside = [w for w in tl.windows if w.partition == s.partition and w.start <= s.start <= w.end]
        t.true(inside, f"vcpu {s.partition}.{s.vcpu} dispatched at {s.start} ns outside its windows")
        w = inside[0]
        t.true(s.end <= w.planned_end + TOLERANCE_NS,
               f"vcpu {s.partition}.{s.vcpu} ran until {s.end} ns, its window ended {w.planned_end} ns")
    t.true(tl.blocked, "the logger never blocked")
    for b in tl.blocked:
        for s in tl.segments:
            if (s.partition, s.vcpu) == (b.partition, b.vcpu):
                t.true(s.end <= b.start or s.start >= b.end,
                       f"vcpu {s.partition}.{s.vcpu} ran {s.start}..{s.end} ns while blocked "
                       f"{b.start}..{b.end} ns")
    used = {w.partition: 0 for w in tl.windows}
    for w in tl.windows:
        used[w.partition] += w.used
    t.note("time used per partition: " + ", ".join(
        f"{d['trace'].name(p)} {u / 1000:.0f} us" for p, u in sorted(used.items())))


STATS = r"^bulkhead: trace: (\d+) records, (\d+) lost, (\d+) bytes streamed; idle drain: " \
        r"longest write (\d+) ns, least slack (-?\d+) ns"


@test("trace: a flood of records never delays a window: the drain stops in time, losses are counted")
def _(t):
    os.makedirs(TRACE_DIR, exist_ok=True)
    path = os.path.join(TRACE_DIR, "stress.bin")
    if os.path.exists(path):
        os.remove(path)
    on = boot(config="trace_stress", timeout=60, extra=["-serial", f"file:{path}"])
    off = boot(config="trace_stress", cmdline="trace_classes=0", timeout=60)
    expect_status(t, on, "shutdown")
    expect_status(t, off, "shutdown")
    judged, worst_on = check_windows_on_time(t, on.serial, ("trace_yield",))
    _, worst_off = check_windows_on_time(t, off.serial, ("trace_yield",))
    t.true(len(judged) >= 18, f"only {len(judged)} window starts printed")
    t.true(worst_on - worst_off <= 1000,
           f"window starts {worst_on} ns late with tracing, {worst_off} ns without")
    records, lost, streamed, longest, slack = map(int, t.search(on.serial, STATS).groups())
    t.true(lost > records // 2, f"only {lost} of {records} records lost: the test floods nothing")
    t.true(slack >= 0, f"a drain ran {-slack} ns past the next event")
    trace = decoder.read_trace(path)
    t.equal(os.path.getsize(path), streamed, "bytes in the COM2 file")
    t.equal(trace.lost, lost, "records the stream says were lost")
    gaps = sum(1 for e in trace.events if e.name == "LOST")
    t.equal(streamed // 16, records - lost + gaps, "records streamed, with one LOST record a gap")
    t.note(f"window starts: worst {worst_on} ns late traced, {worst_off} ns untraced; "
           f"{lost} of {records} records lost in {gaps} gaps; longest drain write {longest} ns, "
           f"least slack before the next event {slack} ns")


TWO_CPUS = "two_cpu_windows"      # sensor on CPU 0, logger on CPU 1, control on both at once
TWO_CPU_FRAMES = 4
_two = {}
_two_lock = threading.Lock()


def two_cpu_trace(t):
    """A real trace of two_cpu_windows (shared by the tests below): the boot, the stream, the
    decoded trace, its timeline and the plan's CPU of each window from the console."""
    with _two_lock:
        if not _two:
            path = os.path.join(TRACE_DIR, "two_cpus.bin")
            r = boot_traced(path, TWO_CPU_FRAMES, config=TWO_CPUS)
            expect_status(t, r, "shutdown")
            trace = decoder.read_trace(path)
            cpus = {int(i): int(c) for i, c in re.findall(
                r"^bulkhead: plan window (\d+): .* cpu (\d+)$", r.serial, re.M)}
            _two.update(result=r, path=path, trace=trace, timeline=decoder.Timeline(trace),
                        cpus=cpus)
        return _two


@test("trace: on two CPUs both CPUs' window starts are traced, each on its CPU, with every "
      "dispatch on its vcpu's CPU")
def _(t):
    d = two_cpu_trace(t)
    trace, tl, serial, cpus = d["trace"], d["timeline"], d["result"].serial, d["cpus"]
    t.equal(sorted(set(cpus.values())), [0, 1], "the plan's CPUs, from the console")
    t.equal((trace.format, trace.cpus), (2, 2), "the stream's format and CPUs")
    t.equal(trace.window_cpu, cpus, "each window's CPU in the stream's header, by deployment index")
    # every plan window of every frame, once, recorded by the CPU its plan puts it on; the boot
    # CPU ends the run at the last frame's end, where CPU 1 may have begun its next window
    t.equal(sorted((w.frame, w.index, w.cpu) for w in tl.windows if w.frame < TWO_CPU_FRAMES),
            sorted((f, i, c) for f in range(TWO_CPU_FRAMES) for i, c in cpus.items()),
            "window starts (frame, window, CPU)")
    t.equal([(w.index, w.cpu) for w in tl.windows if w.frame >= TWO_CPU_FRAMES and
             (w.frame > TWO_CPU_FRAMES or w.cpu == 0 or trace.windows[w.index][1] > 0)], [],
            "windows after the run other than CPU 1's first of the next frame")
    for w in tl.windows:
        t.equal(trace.windows[w.index][0], w.partition, f"the partition of window {w.index}")
    # the kernel's counts: each CPU's records (the header is the boot CPU's), none lost
    header = len(decoder.parse_records(open(d["path"], "rb").read())[0]) - len(trace.events)
    made = {int(c): (int(n), int(lost)) for c, n, lost in re.findall(
        r"^bulkhead: trace: cpu (\d+): (\d+) records?, (\d+) lost$", serial, re.M)}
    streamed = {c: sum(1 for e in trace.events if e.cpu == c) + (header if c == 0 else 0)
                for c in (0, 1)}
    t.equal(made, {c: (n, 0) for c, n in streamed.items()}, "records per CPU, kernel and stream")
    # each dispatch on the CPU its vcpu is bound to, every one the kernel counted
    dispatch = [e for e in trace.events if e.name == "DISPATCH"]
    t.equal(sorted({e.cpu for e in dispatch}), [0, 1], "CPUs that dispatched")
    t.equal([e for e in dispatch if e.cpu != trace.vcpu_cpu[(e.partition, e.vcpu)]], [],
            "dispatches on another CPU than their vcpu's")
    t.equal(trace.vcpu_cpu[(trace_id(trace, "control"), 1)], 1, "control.1's CPU (CPU(1))")
    for p, v, n in re.findall(r"vcpu (\d+)\.(\d+) \(pool id \d+\): \w+, dispatched (\d+)", serial):
        t.equal(sum(1 for e in dispatch if (e.partition, e.vcpu) == (int(p), int(v))), int(n),
                f"DISPATCH events of vcpu {p}.{v}")
    t.note(f"{len(tl.windows)} window starts, {len(trace.events)} events; records per CPU {made}")


def trace_id(trace, name):
    return next(p for p, n in trace.names.items() if n == name)


@test("trace: on two CPUs every window of every frame after the first starts within 10 us of its "
      "CPU's plan (smp_clock2: partitions that block)")
def _(t):
    path = os.path.join(TRACE_DIR, "smp_clock2.bin")
    r = boot_traced(path, 20, config="smp_clock2")
    expect_status(t, r, "shutdown")
    timeline = decoder.Timeline(decoder.read_trace(path))
    worst, late = {}, []
    # frame 0 loads every partition in its own windows: its starts wait for the loads
    for w in timeline.windows:
        if w.frame == 0:
            continue
        x = w.start - w.planned_start
        worst[w.cpu] = max(worst.get(w.cpu, 0), x)
        if not 0 <= x <= TOLERANCE_NS:
            late.append(f"frame {w.frame} plan window {w.index} on cpu {w.cpu}: {x} ns after plan")
    t.equal(late, [], "window starts out of tolerance")
    t.equal(sorted(worst), [0, 1], "the CPUs whose windows were traced")
    t.note("worst lateness per CPU: " + ", ".join(f"cpu {c} {n} ns" for c, n in sorted(worst.items())))


@test("trace: on two CPUs the picture has a row per CPU, then each vcpu's row with its CPU")
def _(t):
    d = two_cpu_trace(t)
    trace = d["trace"]
    svg = os.path.join(TRACE_DIR, "two_cpus.svg")
    out = subprocess.run(["python3", os.path.join(ROOT, "tools", "trace.py"), d["path"], "-o", svg,
                          "--frame", "1"], capture_output=True, text=True)
    t.equal(out.returncode, 0, f"trace.py exit status ({out.stderr.strip()})")
    # the summary: a CPU column, each window on its CPU
    lines = re.findall(r"^\s+1\s+(\d+)\s+(\d+)\s+(\w+)\s", out.stdout, re.M)
    t.equal(sorted((int(i), int(c), n) for i, c, n in lines),
            sorted((i, c, trace.windows[i] and trace.name(trace.windows[i][0]))
                   for i, c in d["cpus"].items()), "frame 1's lines: window, CPU, partition")
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.parse(svg).getroot()
    rows = [g for g in root.iter(ns + "g") if "row" in (g.get("class") or "").split()]
    ids = [g.get("id") for g in rows]
    want = ["cpu-0", "cpu-1"]
    for p in sorted(trace.partitions):
        want += [f"partition-{p}"] + [f"vcpu-{p}-{v}" for v in range(trace.partitions[p])]
    t.equal(ids, want, "rows")
    labels = {g.get("id"): next(g.iter(ns + "text")).text for g in rows}
    for (p, v), cpu in trace.vcpu_cpu.items():
        t.equal(labels[f"vcpu-{p}-{v}"], f"{trace.vcpu_name(p, v)} (cpu {cpu})", "a vcpu's label")
    for cpu in (0, 1):
        row = rows[ids.index(f"cpu-{cpu}")]
        planned = [e for e in row.iter() if "planned" in (e.get("class") or "").split()]
        t.equal(len(planned), sum(1 for c in d["cpus"].values() if c == cpu),
                f"planned windows in CPU {cpu}'s row for one frame")
        runs = [e for e in row.iter() if "run" in (e.get("class") or "").split()]
        t.true(runs and all(f"cpu {cpu}:" in e.find(ns + "title").text for e in runs),
               f"CPU {cpu}'s row: runs of its own vcpus")
        t.true(any("actual" in (e.get("class") or "").split() for e in row.iter()),
               f"CPU {cpu}'s row: no window as the kernel opened it")


def png_pixels(path):
    """(width, height, channels, rows of pixel bytes) of an 8-bit RGB/RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), f"PNG depth {depth} color type {color}"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


@test("trace: the demo's SVG is well-formed, has a row per partition and vcpu, and renders")
def _(t):
    d = demo_trace(t)
    svg = os.path.join(TRACE_DIR, "demo.svg")
    out = subprocess.run(["python3", os.path.join(ROOT, "tools", "trace.py"), d["path"], "-o", svg,
                          "--frame", "2"], capture_output=True, text=True)
    t.equal(out.returncode, 0, f"trace.py exit status ({out.stderr.strip()})")
    t.equal(len(re.findall(r"^\s+2\s+\d\s+\w+", out.stdout, re.M)),
            len(parse_plan(d["result"].serial)[2]), "summary lines for frame 2")
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    t.equal(root.tag, ns + "svg", "root element")
    groups = root.iter(ns + "g")
    rows = [g.get("id") for g in groups if "row" in (g.get("class") or "").split()]
    # a row per partition, then one per vcpu of it, as the kernel's summary lists them
    want = []
    for p, name in re.findall(r"^bulkhead: partition (\d+) '(\w+)'", d["result"].serial, re.M):
        want.append(f"partition-{p}")
        want += [f"vcpu-{p}-{v}" for v in re.findall(rf"^bulkhead:   vcpu {p}\.(\d+) ",
                                                        d["result"].serial, re.M)]
    t.equal(rows, want, "rows")
    for cls in ("planned", "run", "actual", "blocked"):
        t.true(any(cls in (e.get("class") or "").split() for e in root.iter()), f"no {cls} shapes")
    t.true(any("marker" in (e.get("class") or "") for e in root.iter()), "no event markers")

    zoomed = subprocess.run(["python3", os.path.join(ROOT, "tools", "trace.py"), d["path"],
                             "--frame", "2", "--window", "1"], capture_output=True, text=True)
    t.equal(len(re.findall(r"^\s+2\s+1\s+control", zoomed.stdout, re.M)), 1, "zoomed summary")
    t.true(not re.search(r"^\s+2\s+[02]\s", zoomed.stdout, re.M), "zoom to one window shows others")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    t.true(chromium, "chromium is not installed")
    with tempfile.TemporaryDirectory() as profile:
        png = os.path.join(TRACE_DIR, "demo.png")
        if os.path.exists(png):
            os.remove(png)
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        f"--screenshot={png}", "--window-size=1600,900", "file://" + svg],
                       capture_output=True, timeout=60)
    t.true(os.path.exists(png), "chromium wrote no screenshot")
    width, height, channels, rows = png_pixels(png)
    inked = sum(1 for row in rows for i in range(0, len(row), channels)
                if min(row[i:i + 3]) < 200)
    t.true(inked > width * height // 50, f"only {inked} of {width * height} pixels are not white")
    t.note(f"{inked} of {width}x{height} pixels inked")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@test("trace: bh-trace in GDB shows the same last events as the stream", group="gdb")
def _(t):
    build("demo")
    os.makedirs(TRACE_DIR, exist_ok=True)
    path = os.path.join(TRACE_DIR, "gdb.bin")
    port = free_port()
    qemu = subprocess.Popen(qemu_command(cmdline="frames=3 trace_classes=all", extra=[
        "-serial", f"file:{path}", "-S", "-gdb", f"tcp:127.0.0.1:{port}"]),
        cwd=QEMU_CWD, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        out = subprocess.run(
            ["gdb", "-q", "-batch", "-nx", os.path.join(BUILD, "bulkhead.elf"),
             "-ex", f"source {os.path.join(ROOT, 'tools', 'gdb', 'trace.py')}",
             "-ex", f"target remote 127.0.0.1:{port}", "-ex", "break report_summary",
             "-ex", "continue", "-ex", "bh-trace 12"],
            capture_output=True, text=True, timeout=60).stdout
    finally:
        qemu.kill()
        qemu.wait()
    lines = re.findall(r"^#(\d+)\s+([\d.]+) us\s+(\w+)\s+(\S+)", out, re.M)
    t.equal(len(lines), 12, f"bh-trace lines in:\n{out[-1500:]}")
    trace = decoder.read_trace(path)
    expected = [(f"{e.time / 1000:.3f}", e.name,
                 trace.name(e.partition) + ("" if e.vcpu == NONE else f".{e.vcpu}"))
                for e in trace.events[-12:]]
    t.equal([line[1:] for line in lines], expected, "bh-trace against the stream")
    head = t.search(out, r"bh-trace: (\d+) records since start")
    t.equal(int(lines[-1][0]), int(head.group(1)) - 1, "sequence number of the newest record")


def configtool_check(tmp, fields):
    """Builds configtool for a one-partition config with `fields` added (configtool.o,
    config_check.o, elf_loader.o, format.o and kernel_devices.o already in tmp); returns its complaint, or '' if it
    accepts."""
    config = os.path.join(tmp, "config.c")
    with open(config, "w") as f:
        f.write("#include <core/deployment.h>\nconst struct deployment deployment = {\n"
                '.name = "t", .partitions = {{ .name = "a", .image = "a", .memory_base = MIB(16), '
                '.memory_size = KIB(64), .vcpu_count = 1 }}, .major_frame_ns = MS(1),\n'
                '.windows = {{ .partition = "a", .offset_ns = 0, .duration_ns = MS(1) }},\n'
                + fields + "};\n")
    tool = os.path.join(tmp, "configtool")
    subprocess.run(["cc", "-std=gnu11", "-I" + os.path.join(ROOT, "include"), "-o", tool, config,
                    *(os.path.join(tmp, o) for o in ("configtool.o", "config_check.o",
                                                     "elf_loader.o", "format.o",
                                                     "kernel_devices.o"))],
                   check=True, capture_output=True)
    out = subprocess.run([tool, "check"], capture_output=True, text=True)
    return out.stderr.strip() if out.returncode else ""


@test("trace: config_validate refuses half-set, unknown-class and out-of-range trace fields",
      group="host")
def _(t):
    with tempfile.TemporaryDirectory() as tmp:
        for source in ("tools/configtool.c", "core/config_check.c", "core/elf_loader.c",
                       "lib/format.c", "platform/pc/kernel_devices.c"):
            obj = os.path.join(tmp, os.path.basename(source)[:-2] + ".o")
            subprocess.run(["cc", "-std=gnu11", "-I" + os.path.join(ROOT, "include"), "-c", "-o",
                            obj, os.path.join(ROOT, source)], check=True, capture_output=True)
        t.equal(configtool_check(tmp, ".trace_classes = TRACE_CLASS_ALL, .trace_partitions = 1,"),
                "", "a valid selection")
        t.equal(configtool_check(tmp, ".trace_classes = TRACE_CLASS_VCPU, "
                                      ".trace_partitions = TRACE_PARTITIONS_ALL,"), "",
                "all partitions")
        t.contains(configtool_check(tmp, ".trace_classes = TRACE_CLASS_WINDOW,"),
                   "trace_partitions: tracing needs both", "classes without partitions")
        t.contains(configtool_check(tmp, ".trace_classes = 1u << 9, .trace_partitions = 1,"),
                   "trace_classes: 0x200 holds bits that are no enum trace_class", "unknown class")
        t.contains(configtool_check(tmp, ".trace_classes = TRACE_CLASS_PORT, .trace_partitions = 2,"),
                   "trace_partitions: 0x2 names partitions beyond the 1 configured", "partition bit")


RECORDERS = {"trace_record", "trace_vcpu_record", "trace_slot_record", "trace_switch_record",
             "trace_drain"}


def unguarded_hooks(t, elf):
    """(functions calling a trace recorder, those among them that never test trace_classes_on
    first). The recorders are out of line on purpose: every hook must be an inline mask test."""
    tool = next((shutil.which(n) for n in ("i686-elf-objdump", "i686-linux-gnu-objdump", "objdump")
                 if shutil.which(n)), None)
    t.true(tool, "no objdump")
    nm = subprocess.run([tool.replace("objdump", "nm"), elf], capture_output=True, text=True).stdout
    mask = int(re.search(r"^([0-9a-f]+) \w trace_classes_on$", nm, re.M).group(1), 16)
    listing = subprocess.run([tool, "-d", "--no-show-raw-insn", elf], capture_output=True,
                             text=True).stdout
    callers, unguarded = [], []
    for block in re.split(r"\n(?=[0-9a-f]+ <)", listing):
        m = re.match(r"[0-9a-f]+ <(\w+)>:", block)
        if not m or m.group(1).startswith("trace_"):
            continue
        if not RECORDERS & set(re.findall(r"call\s+[0-9a-f]+ <(\w+)>", block)):
            continue
        callers.append(m.group(1))
        if not re.search(rf"\s(test|cmp|mov)\w*\s+.*\b0x{mask:x}\b", block):
            unguarded.append(m.group(1))
    return callers, unguarded


BENCH = r"instructions per (\d+) calls: nop (\d+), sampling_write (\d+), yield (\d+)"


def bench(t, options, traced):
    r = boot(config="trace_bench", cmdline=options, timeout=60)
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "unknown or invalid command-line option")
    t.equal("bulkhead: trace:" in r.serial, traced, f"tracing on with '{options}'")
    m = t.search(r.serial, BENCH)
    calls = int(m.group(1))
    return {k: int(v) / calls for k, v in zip(("nop", "sampling_write", "yield"), m.groups()[1:])}


@test("trace: hooks cost nothing when off or filtered by class (instructions under -icount)")
def _(t):
    build("trace_bench")
    callers, unguarded = unguarded_hooks(t, os.path.join(BUILD, "config", "trace_bench", "bulkhead.elf"))
    t.true(len(callers) >= 8, f"only {len(callers)} functions hold hooks: {callers}")
    t.equal(unguarded, [], "functions calling a trace recorder without testing the mask first")
    off = bench(t, "", False)
    by_class = bench(t, "trace_classes=0x11", True)      # window and health: no hook in the loops
    by_partition = bench(t, "trace_classes=all trace_partitions=0x2", True)
    on = bench(t, "trace_classes=all", True)
    t.equal(by_class, off, "instructions per call, tracing off vs on but filtered by class")
    t.equal(by_partition["nop"], off["nop"], "a null hypercall with tracing on")
    t.equal(on["nop"], off["nop"], "a null hypercall with every class on")
    for call in ("sampling_write", "yield"):
        t.true(off[call] < by_partition[call] < on[call],
               f"{call}: off {off[call]}, filtered by partition {by_partition[call]}, on {on[call]}: "
               "the measurement no longer sees the hook")
    for name, r in (("off", off), ("class-filtered", by_class),
                    ("partition-filtered", by_partition), ("on", on)):
        t.note(f"{name:>18}: " + ", ".join(f"{k} {v:.1f}" for k, v in r.items()) +
               " instructions per call")
