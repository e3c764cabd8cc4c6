"""The trace's writers: the Perfetto (Trace Event Format) export of a real demo run follows the
format's rules, holds the kernel's own counts and is read by Chrome DevTools' trace engine; long
runs give a small aggregated SVG; the timeline keeps short runs visible, draws first loads apart
from faults, hatches blocked time only inside windows and keeps partition colours apart from the
markers'; make trace writes into the config's own build folder."""
import colorsys
import importlib.util
import json
import math
import os
import re
import struct
import subprocess
import threading
import time
import xml.etree.ElementTree as ET

from harness import test, boot_traced, build, make, expect_status, out_dir, parse_plan, ROOT, BUILD

spec = importlib.util.spec_from_file_location("bulkhead_trace_export",
                                              os.path.join(ROOT, "tools", "trace.py"))
decoder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(decoder)

TRACE_DIR = os.path.join(BUILD, "test-trace-export")
TRACE_PY = os.path.join(ROOT, "tools", "trace.py")
DEMO_FRAMES = 5
LONG_FRAMES = 1000
AGGREGATE_MAX_BYTES = 100_000
SVG = "{http://www.w3.org/2000/svg}"

# --- the Trace Event Format's rules -----------------------------------------------------------
# From the format's documentation ("Trace Event Format", the JSON object form): events carry
# name, ph, ts (us), pid and tid; X has a non-negative dur; i has scope g, p or t; s/t/f flows
# share an id (and cat and name), one s and one f each, f may bind to its enclosing slice
# (bp "e"); M events name processes and threads. What Perfetto adds for thread tracks: complete
# slices on one thread nest, never overlap in part. And what this writer promises: each track's
# events come in time order, and metadata names every process and thread used.

PHASES = {"X", "i", "s", "t", "f", "M"}
METADATA = {"process_name": "name", "thread_name": "name", "process_sort_index": "sort_index",
            "thread_sort_index": "sort_index", "process_labels": "labels"}


def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def trace_event_problems(doc):
    """Every rule of the format the document breaks, in words; [] when it is valid."""
    problems = []
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        return ["not a JSON object with a traceEvents array"]
    if doc.get("displayTimeUnit", "ms") not in ("ms", "ns"):
        problems.append(f"displayTimeUnit {doc['displayTimeUnit']!r} is neither ms nor ns")
    named_pids, named_tids, used, last_ts = set(), set(), set(), {}
    slices, flows, binds = {}, {}, []
    for n, e in enumerate(doc["traceEvents"]):
        where = f"event {n} ({e.get('ph')} {e.get('name')!r})"
        ph = e.get("ph")
        if ph not in PHASES:
            problems.append(f"{where}: phase {ph!r} is none this writer uses")
            continue
        if not isinstance(e.get("name"), str) or not e["name"]:
            problems.append(f"{where}: no name")
        if not isinstance(e.get("pid"), int) or not isinstance(e.get("tid"), int):
            problems.append(f"{where}: pid and tid must be integers")
            continue
        track = (e["pid"], e["tid"])
        if ph == "M":
            key = METADATA.get(e["name"])
            if key is None or not isinstance(e.get("args"), dict) or key not in e["args"]:
                problems.append(f"{where}: metadata needs a known name and args.{key or 'name'}")
            elif e["name"] == "process_name":
                named_pids.add(e["pid"])
            elif e["name"] == "thread_name":
                named_tids.add(track)
            continue
        if not number(e.get("ts")):
            problems.append(f"{where}: ts is not a number of microseconds")
            continue
        if e["ts"] < last_ts.get(track, -math.inf):
            problems.append(f"{where}: ts {e['ts']} before the track's previous {last_ts[track]}")
        last_ts[track] = e["ts"]
        used.add(track)
        if ph == "X":
            if not number(e.get("dur")) or e["dur"] < 0:
                problems.append(f"{where}: a complete slice needs a dur >= 0")
            else:
                # in whole ns, as Perfetto reads the microseconds
                start = round(e["ts"] * 1000)
                slices.setdefault(track, []).append((start, start + round(e["dur"] * 1000), where))
        elif ph == "i":
            if e.get("s", "t") not in ("g", "p", "t"):
                problems.append(f"{where}: instant scope {e['s']!r} is not g, p or t")
        else:
            if "id" not in e or not isinstance(e.get("cat"), str):
                problems.append(f"{where}: a flow event needs an id and a cat")
                continue
            flows.setdefault((e["cat"], e["name"], e["id"]), []).append((ph, e["ts"], where))
            if ph == "s" or ph == "t" or e.get("bp") == "e":
                binds.append((track, round(e["ts"] * 1000), where))
    for track, spans in slices.items():
        stack = []
        for start, end, where in sorted(spans, key=lambda s: (s[0], -s[1])):
            while stack and stack[-1] <= start:
                stack.pop()
            if stack and end > stack[-1]:
                problems.append(f"{where}: overlaps the slice around it in part ({track})")
            stack.append(end)
    for (cat, name, flow_id), steps in flows.items():
        phases = [ph for ph, _, _ in steps]
        if phases.count("s") != 1 or phases.count("f") != 1 or phases[0] != "s" or phases[-1] != "f":
            problems.append(f"flow {cat}/{name} id {flow_id}: phases {phases}, not one s .. one f")
        elif steps[-1][1] < steps[0][1]:
            problems.append(f"flow {cat}/{name} id {flow_id}: ends before it starts")
    for track, ts, where in binds:
        if not any(start <= ts < end for start, end, _ in slices.get(track, ())):
            problems.append(f"{where}: no slice of its thread {track} encloses it at {ts} ns")
    for pid in sorted({pid for pid, _ in used} - named_pids):
        problems.append(f"process {pid} is used but has no process_name")
    for track in sorted(used - named_tids):
        problems.append(f"thread {track} is used but has no thread_name")
    return problems


def valid_sample():
    meta = [{"name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": {"name": "p"}},
            {"name": "thread_name", "ph": "M", "pid": 1, "tid": 2, "args": {"name": "a"}},
            {"name": "thread_name", "ph": "M", "pid": 1, "tid": 3, "args": {"name": "b"}}]
    events = [{"name": "run", "cat": "run", "ph": "X", "ts": 1.0, "dur": 5.0, "pid": 1, "tid": 2},
              {"name": "x", "cat": "port", "ph": "s", "ts": 2.0, "pid": 1, "tid": 2, "id": 1},
              {"name": "wait", "cat": "run", "ph": "X", "ts": 1.5, "dur": 9.0, "pid": 1, "tid": 3},
              {"name": "x", "cat": "port", "ph": "f", "ts": 4.0, "pid": 1, "tid": 3, "id": 1,
               "bp": "e"},
              {"name": "in", "cat": "run", "ph": "X", "ts": 5.0, "dur": 1.0, "pid": 1, "tid": 3},
              {"name": "tick", "cat": "vint", "ph": "i", "ts": 6.0, "pid": 1, "tid": 2, "s": "t"}]
    return {"traceEvents": meta + events, "displayTimeUnit": "ns"}


@test("trace export: the Trace Event Format check refuses each thing the format forbids",
      group="host")
def _(t):
    t.equal(trace_event_problems(valid_sample()), [], "problems of a valid sample")
    breaks = {
        "a complete slice needs a dur": lambda ev: ev[3].pop("dur"),
        "dur >= 0": lambda ev: ev[3].update(dur=-1.0),
        "overlaps the slice around it in part": lambda ev: ev[7].update(dur=9.0),
        "before the track's previous": lambda ev: ev[8].update(ts=0.5),
        "not one s .. one f": lambda ev: ev[6].update(id=2),
        "no slice of its thread": lambda ev: ev[4].update(ts=7.0),
        "has no thread_name": lambda ev: ev[2].update(name="thread_sort_index",
                                                       args={"sort_index": 1}),
        "has no process_name": lambda ev: ev[0].update(pid=9),
        "instant scope": lambda ev: ev[8].update(s="x"),
        "ts is not a number": lambda ev: ev[8].update(ts="6"),
        "a flow event needs an id": lambda ev: ev[4].pop("id"),
    }
    for problem, damage in breaks.items():
        doc = valid_sample()
        damage(doc["traceEvents"])
        found = trace_event_problems(doc)
        t.true(any(problem in p for p in found), f"'{problem}' not found after damage: {found}")


def stream(*records):
    """Wire records (docs/trace.md) from (type name, partition, vcpu, arg, time)."""
    return b"".join(struct.pack("<BBBBIQ", decoder.SYNC, decoder.CODES[name], p, v, arg, time)
                    for name, p, v, arg, time in records)


def names(kind, index, name):
    data = name.encode().ljust(12, b"\0")
    return [(kind, index, 0, *struct.unpack("<IQ", data[:12]))]


@test("trace export: flows take a queue's messages oldest first, a sample's reads from the newest "
      "write, and start afresh after lost records", group="host")
def _(t):
    N = decoder.NONE
    plan = [("META_CLOCK", N, N, 10_000_000, 0), ("META_PLAN", 2, N, 100_000, 100),
            ("META_WINDOW", 0, 0, 40_000, 0), ("META_WINDOW", 1, 1, 40_000, 50_000),
            ("META_PARTITION", 0, 1, 0, 0), ("META_PARTITION", 1, 1, 0, 0),
            *names("META_PARTITION_NAME", 0, "src"), *names("META_PARTITION_NAME", 1, "dst"),
            *names("META_CHANNEL_NAME", 0, "queue"), *names("META_CHANNEL_NAME", 1, "sample")]
    queue, sample = 0 | 8 << 16, 1 | 4 << 16
    events = [("WINDOW_START", 0, N, 0, 101), ("DISPATCH", 0, 0, 0, 110),
              ("PORT_SEND", 0, 0, queue, 200), ("PORT_SEND", 0, 0, queue, 300),
              ("PORT_SEND", 0, 0, sample, 350), ("PORT_SEND", 0, 0, sample, 360),
              ("PORT_SEND", 0, 0, queue, 370),
              ("WINDOW_END", 0, N, 0, 40_101), ("PREEMPT", 0, 0, 0, 40_120),
              ("WINDOW_START", 1, N, 1, 50_101), ("DISPATCH", 1, 0, 0, 50_110),
              ("PORT_RECEIVE", 1, 0, queue, 50_200), ("PORT_RECEIVE", 1, 0, queue, 50_300),
              ("PORT_RECEIVE", 1, 0, sample, 50_400), ("PORT_RECEIVE", 1, 0, sample, 50_500),
              ("LOST", N, N, 3, 60_000), ("DISPATCH", 1, 0, 0, 60_000),
              ("PORT_RECEIVE", 1, 0, queue, 60_100),
              ("BLOCK", 1, 0, 0 + 1, 60_200), ("WAKE", 1, 0, 0, 70_000),
              ("DISPATCH", 1, 0, 0, 70_010), ("WINDOW_END", 1, N, 1, 90_101),
              ("PREEMPT", 1, 0, 0, 90_120)]
    records, skipped = decoder.parse_records(stream(*plan, *events))
    trace = decoder.Trace(records, skipped)
    t.equal(decoder.queuing_channels(trace), {0}, "channels the stream shows to be queuing")
    pairs = [(s.time, r.time) for s, r in decoder.message_pairs(trace)]
    t.equal(pairs, [(2000, 502_000), (3000, 503_000), (3600, 504_000), (3600, 505_000)],
            "send -> receive pairs (ns): the queue in order, the sample's newest; none across "
            "the loss")
    doc = decoder.perfetto_trace(trace, decoder.Timeline(trace), 0, 10 ** 9)
    t.equal(trace_event_problems(doc), [], "Trace Event Format problems")
    flows = sorted((e["id"], e["ph"], e["name"], e["ts"]) for e in doc["traceEvents"]
                   if e["ph"] in "sf")
    t.equal(flows, [(1, "f", "queue", 502.0), (1, "s", "queue", 2.0),
                    (2, "f", "queue", 503.0), (2, "s", "queue", 3.0),
                    (3, "f", "sample", 504.0), (3, "s", "sample", 3.6)],
            "flow events (none for the read that ends the run cut short by the loss)")
    lost = [e for e in doc["traceEvents"] if e.get("cat") == "lost"]
    t.equal([(e["ph"], e["s"], e["args"]["records"]) for e in lost], [("i", "g", 3)],
            "the loss as a global instant")


# --- a real demo run, shared by the tests below -------------------------------------------------

_demo = {}
_demo_lock = threading.Lock()


def demo(t):
    """A traced demo boot, its decoded trace, and its Perfetto export (tools/trace.py)."""
    with _demo_lock:
        if not _demo:
            path = os.path.join(TRACE_DIR, "demo.bin")
            r = boot_traced(path, DEMO_FRAMES)
            expect_status(t, r, "shutdown")
            out = os.path.join(TRACE_DIR, "demo.json")
            run = subprocess.run(["python3", TRACE_PY, path, "--quiet", "--format", "perfetto",
                                  "-o", out], capture_output=True, text=True)
            t.equal(run.returncode, 0, f"trace.py --format perfetto ({run.stderr.strip()})")
            trace = decoder.read_trace(path)
            with open(out) as f:
                _demo.update(result=r, path=path, json=out, doc=json.load(f), trace=trace)
        return _demo


def kernel_counts(serial):
    """From the kernel's end-of-run summary: {partition id: (name, windows, restarts)},
    {(partition, vcpu): dispatched}, and the health-monitor events."""
    partitions = {int(p): (name, int(w), int(r) + int(q)) for p, name, w, r, q in re.findall(
        r"^bulkhead: partition (\d+) '(\w+)': mode \w+, windows (\d+), faults \d+, restarts (\d+), "
        r"requested restarts (\d+)", serial, re.M)}
    vcpus = {(int(p), int(v)): int(d) for p, v, d in re.findall(
        r"^bulkhead:   vcpu (\d+)\.(\d+) \(pool id \d+\): \w+, dispatched (\d+)", serial, re.M)}
    health = int(re.search(r"^bulkhead: health-monitor events: (\d+)", serial, re.M).group(1))
    return partitions, vcpus, health


def expected_tracks(partitions, vcpus):
    """Thread names: the CPU (what ran, and its windows), each partition, each vcpu."""
    return ({"CPU 0", "CPU 0 windows"} | {f"{name} windows" for name, _, _ in partitions.values()}
            | {f"{partitions[p][0]}.{v}" for p, v in vcpus})


def named_tracks(doc):
    """{(pid, tid): thread name} and {pid: process name} from the metadata."""
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in doc["traceEvents"]
               if e["ph"] == "M" and e["name"] == "thread_name"}
    processes = {e["pid"]: e["args"]["name"] for e in doc["traceEvents"]
                 if e["ph"] == "M" and e["name"] == "process_name"}
    return threads, processes


@test("trace export: the Perfetto file of a real demo run follows the format and holds the "
      "kernel's windows, runs, events and flows")
def _(t):
    d = demo(t)
    doc, serial, trace = d["doc"], d["result"].serial, d["trace"]
    problems = trace_event_problems(doc)
    t.equal(problems[:10], [], f"Trace Event Format problems ({len(problems)} in all)")
    partitions, vcpus, health = kernel_counts(serial)
    threads, processes = named_tracks(doc)
    by_name = {name: track for track, name in threads.items()}
    t.equal(set(threads.values()), expected_tracks(partitions, vcpus), "thread tracks")
    t.equal(sorted(processes.values()),
            sorted(["CPUs"] + [f"partition {n}" for n, _, _ in partitions.values()]), "processes")

    events = [e for e in doc["traceEvents"] if e["ph"] != "M"]

    def on(name, ph, cat=None):
        return [e for e in events if (e["pid"], e["tid"]) == by_name[name] and e["ph"] == ph
                and (cat is None or e["cat"] == cat)]

    plan = parse_plan(serial)[2]
    for p, (name, windows, restarts) in partitions.items():
        planned = on(f"{name} windows", "X", "plan")
        t.equal(len(planned), windows, f"planned-window slices of {name} (the kernel's count)")
        for e in planned:
            start, end = trace.planned(e["args"]["frame"], e["args"]["window"])
            t.equal((e["ts"], e["dur"]), (round(start / 1000, 3), round((end - start) / 1000, 3)),
                    f"planned window {e['args']['window']} of frame {e['args']['frame']}")
        kernel = [e for e in on("CPU 0 windows", "X") if e["name"] == name]
        t.equal(len(kernel), windows, f"kernel-window slices of {name} on CPU 0")
        t.true(all(0 <= e["args"]["late_us"] <= 10 for e in kernel), f"{name} windows late")
        instants = on(f"{name} windows", "i", "partition")
        t.equal(sum(e["name"].startswith("load") for e in instants), 1, f"loads of {name}")
        t.equal(sum(e["name"].startswith("restart") for e in instants), restarts,
                f"restarts of {name} (the kernel's count)")
    t.equal(len(plan) * DEMO_FRAMES, sum(w for _, w, _ in partitions.values()), "windows run")
    for (p, v), dispatched in vcpus.items():
        runs = on(f"{partitions[p][0]}.{v}", "X", "run")
        t.equal(len(runs), dispatched, f"run slices of vcpu {p}.{v} (the kernel's dispatches)")
    t.equal(len(on("CPU 0", "X")), sum(vcpus.values()), "runs on CPU 0")
    # instants: one per event the kernel recorded
    for name, cat, word in (("VINT", "vint", "vint"), ("PORT_SEND", "port", "send"),
                            ("PORT_RECEIVE", "port", "receive"), ("HEALTH", "health", "health")):
        recorded = sum(1 for e in trace.events if e.name == name)
        exported = sum(1 for e in events if e["ph"] == "i" and e["cat"] == cat
                       and e["name"].startswith(word + " "))
        t.true(recorded > 0, f"no {name} in the demo's trace")
        t.equal(exported, recorded, f"{name} instants")
    t.equal(sum(1 for e in events if e["ph"] == "i" and e["cat"] == "health"), health,
            "health-monitor instants (the kernel's count)")

    # flows: each queuing send to its receive, in order: the logger takes control's k-th
    # 'trim' in the logger window of the frame control sent it
    flows = {}
    for e in events:
        if e["ph"] in "sf":
            flows.setdefault(e["id"], {})[e["ph"]] = e
    commands = sorted((f for f in flows.values() if f["s"]["name"] == "commands"),
                      key=lambda f: f["s"]["ts"])
    sent = [e for e in trace.events if e.name == "PORT_SEND" and trace.channels[e.arg & 0xFFFF]
            == "commands"]
    t.equal(len(commands), len(sent), "flows on the queuing channel 'commands'")
    t.true(len(sent) >= DEMO_FRAMES - 2, f"only {len(sent)} commands sent")
    logger_windows = sorted(on("logger windows", "X", "plan"), key=lambda e: e["ts"])
    for k, f in enumerate(commands):
        t.equal(((f["s"]["pid"], f["s"]["tid"]), (f["f"]["pid"], f["f"]["tid"])),
                (by_name["control.1"], by_name["logger.0"]), f"flow {k}: sender and receiver")
        t.equal(f["s"]["ts"], round(sent[k].time / 1000, 3), f"flow {k} starts at send {k}")
        frame = (sent[k].time - trace.epoch) // trace.major
        window = next(w for w in logger_windows if w["args"]["frame"] == frame)
        t.true(window["ts"] <= f["f"]["ts"] <= window["ts"] + window["dur"],
               f"send {k} in frame {frame} received at {f['f']['ts']} us, not in that frame's "
               f"logger window {window['ts']} us")
    sampling = [f for f in flows.values() if f["s"]["name"] == "altitude"]
    t.true(sampling and all(f["s"]["ts"] < f["f"]["ts"] for f in sampling),
           "every altitude read flows from the sample written before it")
    t.note(f"{len(events)} events, {len(threads)} tracks, {len(flows)} flows; "
           f"{os.path.getsize(d['json'])} bytes for {DEMO_FRAMES} frames")


@test("trace export: on two CPUs each CPU has its own tracks, with its windows and the runs of "
      "its vcpus, and the file follows the format")
def _(t):
    path = os.path.join(TRACE_DIR, "two_cpus.bin")
    r = boot_traced(path, 3, config="two_cpu_windows")
    expect_status(t, r, "shutdown")
    out = os.path.join(TRACE_DIR, "two_cpus.json")
    run = subprocess.run(["python3", TRACE_PY, path, "--quiet", "--format", "perfetto", "-o", out],
                         capture_output=True, text=True)
    t.equal(run.returncode, 0, f"trace.py --format perfetto ({run.stderr.strip()})")
    with open(out) as f:
        doc = json.load(f)
    trace = decoder.read_trace(path)
    tl = decoder.Timeline(trace)
    # control's windows on both CPUs at once would overlap on one track: the check refuses that
    problems = trace_event_problems(doc)
    t.equal(problems[:10], [], f"Trace Event Format problems ({len(problems)} in all)")
    threads, _ = named_tracks(doc)
    by_name = {name: track for track, name in threads.items()}
    for name in ("CPU 0", "CPU 1", "CPU 0 windows", "CPU 1 windows", "control windows on cpu 0",
                 "control windows on cpu 1", "logger windows on cpu 1"):
        t.true(name in by_name, f"no track '{name}' in {sorted(by_name)}")
    events = [e for e in doc["traceEvents"] if e["ph"] == "X"]
    for cpu in (0, 1):
        windows = sorted((e["args"]["frame"], e["args"]["window"]) for e in events
                         if (e["pid"], e["tid"]) == by_name[f"CPU {cpu} windows"])
        t.equal(windows, sorted((w.frame, w.index) for w in tl.windows if w.cpu == cpu),
                f"CPU {cpu}'s window slices")
        t.true(windows and all(trace.window_cpu[i] == cpu for _, i in windows),
               f"CPU {cpu}'s window slices are its plan's")
        runs = [e for e in events if (e["pid"], e["tid"]) == by_name[f"CPU {cpu}"]]
        t.equal(sorted({e["name"] for e in runs}),
                sorted({trace.vcpu_name(*k) for k, c in trace.vcpu_cpu.items() if c == cpu
                        and any(e.name == "DISPATCH" and (e.partition, e.vcpu) == k
                                for e in trace.events)}),
                f"the vcpus that ran on CPU {cpu}")
    planned = [e for e in events if e["cat"] == "plan"
               and (e["pid"], e["tid"]) == by_name["control windows on cpu 1"]]
    t.equal(sorted({trace.window_cpu[e["args"]["window"]] for e in planned}), [1],
            "the CPUs of control's planned windows on its CPU 1 track")
    t.note(f"{len(events)} slices on {len(threads)} tracks")


@test("trace export: Chrome DevTools' trace engine (npm) reads the Perfetto file as written")
def _(t):
    d = demo(t)
    installed = make("trace-engine", check=False)
    t.equal(installed.returncode, 0, f"make trace-engine: {installed.stdout}{installed.stderr}")
    out = subprocess.run(["node", os.path.join(BUILD, "trace-engine", "read.mjs"), d["json"]],
                         capture_output=True, text=True, timeout=120)
    t.equal(out.returncode, 0, f"the engine's reading failed: {out.stderr[-1500:]}")
    seen = json.loads(out.stdout)
    # what the engine understood, against the kernel's counts and the decoded stream
    trace = d["trace"]
    partitions, vcpus, _ = kernel_counts(d["result"].serial)
    names = {th["name"]: th["slices"] for th in seen["threads"]}
    t.equal(set(names), expected_tracks(partitions, vcpus), "threads the engine found")
    for (p, v), dispatched in vcpus.items():
        blocked = sum(1 for e in trace.events if e.name == "BLOCK" and (e.partition, e.vcpu) == (p, v))
        t.equal(names[f"{partitions[p][0]}.{v}"], dispatched + blocked,
                f"slices of vcpu {p}.{v}: its runs (the kernel's dispatches) and blocked stretches")
    t.equal(names["CPU 0"], sum(vcpus.values()), "runs on CPU 0")
    t.equal(names["CPU 0 windows"], sum(w for _, w, _ in partitions.values()), "windows on CPU 0")
    receives = sum(1 for e in trace.events if e.name == "PORT_RECEIVE")
    t.equal(seen["flows"], [2] * receives, "flows the engine bound, a send to each receive")
    first = min(w.start for w in decoder.Timeline(trace).windows)
    t.true(abs(seen["bounds_us"][0] - first / 1000) < 1,
           f"the engine starts the trace at {seen['bounds_us'][0]} us, the first window at "
           f"{first / 1000} us")
    t.note(f"{len(names)} threads, {len(seen['flows'])} flows")


@test("trace export: 1,000 frames give an aggregated SVG under 100 KB with each window's "
      "lateness and jitter")
def _(t):
    path = os.path.join(TRACE_DIR, "long.bin")
    r = boot_traced(path, LONG_FRAMES, timeout=120)
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: trace: \d+ records, 0 lost")
    svg = os.path.join(TRACE_DIR, "long.svg")
    out = subprocess.run(["python3", TRACE_PY, path, "-o", svg], capture_output=True, text=True)
    t.equal(out.returncode, 0, f"trace.py ({out.stderr.strip()})")
    size = os.path.getsize(svg)
    t.true(size < AGGREGATE_MAX_BYTES, f"the SVG of {LONG_FRAMES} frames is {size} bytes")
    plan = parse_plan(r.serial)[2]
    rows = re.findall(r"^\s*(\d+) (\w+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)",
                      out.stdout, re.M)
    t.equal([(int(i), n, int(f)) for i, n, f, *_ in rows],
            [(i, name, LONG_FRAMES) for i, (_, name, _, _) in enumerate(plan)],
            "aggregated summary: one line per window of the plan over every frame")
    trace = decoder.read_trace(path)
    tl = decoder.Timeline(trace)
    root = ET.parse(svg).getroot()
    groups = [g for g in root.iter(SVG + "g") if g.get("class") == "lateness"]
    t.equal([g.get("id") for g in groups], [f"window-{i}" for i in range(len(plan))],
            "a lateness plot per window")
    for g, row in zip(groups, rows):
        index = int(g.get("id").split("-")[1])
        late = [w.start - w.planned_start for w in tl.windows if w.index == index]
        line = g.find(SVG + "polyline")
        t.true(line is not None, f"window {index}: no lateness line")
        t.equal(len(line.get("points").split()), LONG_FRAMES, f"window {index}: points")
        jitter = next(e.text for e in g.iter(SVG + "text") if e.get("class") == "jitter")
        t.equal(jitter, f"jitter {(max(late) - min(late)) / 1000:.3f} us", f"window {index}")
        t.equal(float(row[6]), round((max(late) - min(late)) / 1000, 3), f"window {index} jitter")
    t.true(not any("row" in (g.get("class") or "") for g in root.iter(SVG + "g")),
           "the aggregated SVG still draws every frame's rows")
    # the threshold: 200 frames are drawn, 201 aggregated
    first = trace.epoch / 1000
    for frames, aggregated in ((decoder.AGGREGATE_FRAMES, False), (decoder.AGGREGATE_FRAMES + 1, True)):
        to = first + frames * trace.major / 1000
        span = subprocess.run(["python3", TRACE_PY, path, "--quiet", "-o", svg, "--from-us",
                               str(first), "--to-us", str(to)], capture_output=True, text=True)
        t.equal("frames aggregated" in span.stdout, aggregated,
                f"{frames} frames aggregated ({span.stdout.strip()})")
    t.note(f"{LONG_FRAMES} frames: aggregated SVG {size} bytes; boot {r.wall:.1f} s")


def svg_shapes(path):
    root = ET.parse(path).getroot()
    rows = {g.get("id"): g for g in root.iter(SVG + "g") if "row" in (g.get("class") or "").split()}
    return root, rows


def classes(element):
    return (element.get("class") or "").split()


def hsv(color):
    color = color.lstrip("#")
    if len(color) == 3:
        color = "".join(c * 2 for c in color)
    return colorsys.rgb_to_hsv(*(int(color[i:i + 2], 16) / 255 for i in (0, 2, 4)))


def confusable(colour, ink):
    """Whether a partition colour could be taken for a marker's ink: a grey, black or white ink
    against a colour nearly as grey; a coloured ink (the health marker's red) against a colour
    of nearly its hue."""
    (h1, s1, _), (h2, s2, _) = hsv(colour), hsv(ink)
    if s2 < 0.15:
        return s1 < 0.25
    return min(abs(h1 - h2), 1 - abs(h1 - h2)) * 360 < 20


@test("trace export: the timeline keeps short runs visible, draws first loads apart from faults, "
      "hatches blocked time only in its windows, and never colours a partition like a marker")
def _(t):
    d = demo(t)
    svg = os.path.join(TRACE_DIR, "demo.svg")
    out = subprocess.run(["python3", TRACE_PY, d["path"], "--quiet", "-o", svg],
                         capture_output=True, text=True)
    t.equal(out.returncode, 0, f"trace.py ({out.stderr.strip()})")
    root, rows = svg_shapes(svg)
    partitions, _, health = kernel_counts(d["result"].serial)

    # short runs: the heartbeat runs a few us of each 10 ms frame, far below a pixel here
    tl = decoder.Timeline(d["trace"])
    shortest = min(s.end - s.start for s in tl.segments)
    span = tl.end - d["trace"].epoch
    t.true(shortest * (decoder.WIDTH - decoder.LABEL - decoder.RIGHT) / span < 0.5,
           "no run in the demo is short enough to test the minimum width")
    runs = [e for g in rows.values() for e in g.iter(SVG + "rect") if "run" in classes(e)]
    t.true(runs, "no runs drawn")
    narrow = [float(e.get("width")) for e in runs if float(e.get("width")) < decoder.MIN_WIDTH]
    t.equal(narrow, [], f"runs narrower than {decoder.MIN_WIDTH} px")

    # first loads are not faults: one load marker per partition; health markers only for the
    # kernel's health-monitor events (on the partition's row and its vcpu's) and restarts
    markers = [e for e in root.iter() if "marker" in classes(e)]
    loads = [e for e in markers if "load" in classes(e)]
    t.equal(len(loads), len(partitions), "load markers, one per partition")
    for kind, want in (("partition", health + sum(r for _, _, r in partitions.values())),
                       ("vcpu", health)):
        faults = [e for rid, g in rows.items() if rid.startswith(kind + "-") for e in g.iter()
                  if "health" in classes(e)]
        t.equal(len(faults), want, f"health markers on {kind} rows (the kernel's counts)")

    # blocked: hatched only inside the windows of its partition, as the kernel ran them
    blocked = 0
    for rid, g in rows.items():
        if not rid.startswith("vcpu-"):
            continue
        p = rid.split("-")[1]
        windows = [(float(e.get("x")), float(e.get("x")) + float(e.get("width")))
                   for e in rows[f"partition-{p}"].iter(SVG + "rect") if "actual" in classes(e)]
        for e in g.iter(SVG + "rect"):
            if "blocked" not in classes(e):
                continue
            blocked += 1
            a, b = float(e.get("x")), float(e.get("x")) + float(e.get("width"))
            t.true(any(wa - 0.02 <= a and b <= wb + 0.02 for wa, wb in windows),
                   f"{rid}: blocked {a:.2f} .. {b:.2f} px outside its partition's windows")
    t.true(blocked >= DEMO_FRAMES, f"only {blocked} blocked stretches drawn")

    # colours: what a partition is drawn in is never what a marker is drawn in, nor close to it
    colours = {e.get("fill") for e in runs}
    t.equal(len(colours), len(partitions), "one colour per partition")
    inks = {c for e in markers for c in (e.get("fill"), e.get("stroke")) if c and c != "none"}
    inks |= {e.get("fill") for e in root.iter(SVG + "rect") if "actual" in classes(e)}
    inks |= {e.get("stroke") for e in root.iter(SVG + "line") if e.get("stroke-width") == "3"}
    # and the inks of what the demo does not show (lost records), from the writer's table
    inks |= set(decoder.INK.values())
    for c in colours | set(decoder.COLORS):
        for ink in inks:
            t.true(c.lower() != ink.lower() and not confusable(c, ink),
                   f"partition colour {c} looks like marker colour {ink}")
    t.note(f"shortest run {shortest} ns; {len(loads)} loads, {len(markers)} markers, "
           f"{blocked} blocked stretches; SVG {os.path.getsize(svg)} bytes")


@test("trace export: make trace writes into the config's own build folder, in both formats")
def _(t):
    config = "vint"
    build(config)
    folder = out_dir(config)
    demo_svg = os.path.join(BUILD, "trace.svg")
    before = os.path.getmtime(demo_svg) if os.path.exists(demo_svg) else None
    started = time.time()
    for fmt, name in (("svg", "trace.svg"), ("perfetto", "trace.json")):
        r = make("trace", f"CONFIG={config}", "FRAMES=2", f"FORMAT={fmt}", "TRACE_ARGS=--quiet",
                 check=False)
        t.equal(r.returncode, 0, f"make trace FORMAT={fmt}: {r.stdout[-800:]}{r.stderr[-800:]}")
        path = os.path.join(folder, name)
        t.true(os.path.exists(path) and os.path.getmtime(path) >= started - 1,
               f"make trace FORMAT={fmt} wrote no {path}")
        t.contains(r.stdout, f"wrote {os.path.relpath(path, ROOT)}", f"make trace FORMAT={fmt}")
        for kept in ("trace.bin", "trace.log"):
            t.true(os.path.exists(os.path.join(folder, kept)), f"no {kept} in {folder}")
    t.equal(os.path.getmtime(demo_svg) if os.path.exists(demo_svg) else None, before,
            "build/trace.svg (the demo's) changed")
    with open(os.path.join(folder, "trace.json")) as f:
        doc = json.load(f)
    t.equal(trace_event_problems(doc)[:10], [], f"problems in {config}'s Perfetto file")
    bad = make("trace", f"CONFIG={config}", "FORMAT=png", check=False)
    t.true(bad.returncode != 0, "make trace FORMAT=png succeeded")
    t.contains(bad.stdout + bad.stderr, "FORMAT=png: the trace is written as svg or perfetto",
               "the refusal")
