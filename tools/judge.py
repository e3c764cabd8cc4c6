"""Bulkhead's standard judgement of a run, one copy for make verify (tools/verify.py) and the
project's own scenario tests (tests/harness.py).

Two views of when a window started:
- the partitions' own: lines "[name] window N start t=T ns" (N: the partition's N-th window,
  counted from 1, as bh_partition_status's windows_entered), printed by partitions that use the
  runtime's window helpers; the scenario tests judge these (check_windows_on_time);
- the kernel's: the schedule trace's WINDOW_START records (core/trace.c, on COM2), which every
  deployment has whatever its partitions print; make verify judges these (judge_run).

A judgement that fails raises Failure (the test harness's TestFailure) or, for judge_run, is
returned as rows, one per partition and one for the run, each with its reasons.
"""
import importlib.util
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE_NS = 10_000          # the project's tolerance: a window starts at most 10 us late
# Drift: the worst lateness of the last tenth of the frames against the first tenth's. Within
# the 10 us every window has, a growth of more than 2 us over one run is a trend, not jitter
# (the kernel's own windows vary by tens of ns), and a longer run would take it past 10 us.
DRIFT_NS = 2_000
EXIT_SHUTDOWN = 33

_spec = importlib.util.spec_from_file_location("bulkhead_trace_decoder",
                                               os.path.join(ROOT, "tools", "trace.py"))
tracefile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tracefile)


class Failure(Exception):
    pass


plural = tracefile.count     # '1 window', '2 windows'


# --- the partitions' view, from the console ------------------------------------------------

class Plan(tuple):
    """(epoch, major, windows) of the schedule in force at boot; `schedules` is None for a
    deployment of one schedule, else (initial id, {id: (major, windows)}, [(frame, id, time)]):
    every schedule and each switch, so that the plan in force is known frame by frame.
    On several CPUs, `window_cpu` maps (schedule id or None, plan index) to the window's CPU and
    `first_cpu` each partition's name to the CPU of its vcpu 0; both are empty on one CPU."""
    schedules = None
    window_cpu = {}
    first_cpu = {}


# the suffix a plan line has when the deployment runs on several CPUs
_CPU = r"(?: cpu (\d+))?"


def parse_plan(serial):
    """The plan the kernel printed: epoch, major frame and windows, all in ns. The windows are
    (plan index, partition, offset, duration); the kernel prints them as 'plan window I' (before
    issue 19: 'window I'), and either form is read. With several schedules, each one's lines
    ('schedule S window I') and each switch ('schedule switch to ... at frame N, t=T ns') too.
    On several CPUs each window line ends with ' cpu N' and each partition has a line
    'partition P 'name': vcpu 0 on cpu C, ...': read into window_cpu and first_cpu."""
    m = re.search(r"bulkhead: schedule: epoch (\d+) ns, major frame (\d+) ns", serial)
    if not m:
        raise Failure("the kernel printed no schedule")
    found = re.findall(r"bulkhead: (?:plan )?window (\d+): partition \d+ '(\w+)' offset (\d+) ns "
                       r"duration (\d+) ns" + _CPU, serial)
    windows = [(int(w), name, int(off), int(dur)) for w, name, off, dur, _ in found]
    plan = Plan((int(m.group(1)), int(m.group(2)), windows))
    window_cpu = {(None, int(w)): int(cpu) for w, _, _, _, cpu in found if cpu}
    heads = re.findall(r"^bulkhead: schedule (\d+) '[^']*': major frame (\d+) ns, \d+ windows?"
                       r"( \(initial\))?", serial, re.M)
    if heads:
        table = {int(i): (int(major), []) for i, major, _ in heads}
        for i, w, name, off, dur, cpu in re.findall(
                r"^bulkhead: schedule (\d+) window (\d+): partition \d+ '(\w+)' offset (\d+) ns "
                r"duration (\d+) ns" + _CPU, serial, re.M):
            table[int(i)][1].append((int(w), name, int(off), int(dur)))
            if cpu:
                window_cpu[(int(i), int(w))] = int(cpu)
        switches = sorted((int(f), int(i), int(t)) for i, f, t in re.findall(
            r"^bulkhead: schedule switch to '[^']*' \(id (\d+)\) at frame (\d+), t=(\d+) ns",
            serial, re.M))
        initial = next(int(i) for i, _, mark in heads if mark)
        plan.schedules = (initial, table, switches)
    if window_cpu:
        plan.window_cpu = window_cpu
        plan.first_cpu = {name: int(cpu) for name, cpu in re.findall(
            r"^bulkhead: partition \d+ '(\w+)': vcpu 0 on cpu (\d+)(?:, vcpu \d+ on cpu \d+)*$",
            serial, re.M)}
    return plan


def own_windows(plan, schedule, windows, partition):
    """The partition's windows among `windows` (of `schedule`, None for the plan's own list)
    that count as its windows: on several CPUs, only those on its first CPU, the CPU of its
    vcpu 0 (the kernel's windows_entered counts those)."""
    own = [w for w in windows if w[1] == partition]
    if not plan.window_cpu or not own:
        return own
    cpus = {plan.window_cpu.get((schedule, w[0]), 0) for w in own}
    first = plan.first_cpu.get(partition)
    if first is None:
        if len(cpus) > 1:
            raise Failure(f"{partition}: windows on CPUs {sorted(cpus)} and no line 'partition N "
                          f"'{partition}': vcpu 0 on cpu C' to say which is its first")
        return own
    return [w for w in own if plan.window_cpu.get((schedule, w[0]), 0) == first]


def plan_partition_ids(serial):
    """{partition name: id} from the plan lines."""
    return {name: int(i) for i, name in re.findall(
        r"^bulkhead: (?:plan )?window \d+: partition (\d+) '(\w+)'", serial, re.M)}


def planned_start(plan, partition, count):
    """Start (ns) and duration of the partition's `count`-th window (counted from 1); across the
    switches of a deployment of several schedules, in the schedule in force at each frame; on
    several CPUs, its `count`-th window on its first CPU."""
    epoch, major, windows = plan
    if plan.schedules is None:
        own = own_windows(plan, None, windows, partition)
        frame, index = divmod(count - 1, len(own))
        return epoch + frame * major + own[index][2], own[index][3]
    initial, table, switches = plan.schedules
    segments = [(0, initial, epoch)] + switches
    left = count - 1
    for k, (frame, sid, start) in enumerate(segments):
        length, windows = table[sid]
        own = own_windows(plan, sid, windows, partition)
        frames = segments[k + 1][0] - frame if k + 1 < len(segments) else None
        if not own:
            continue
        if frames is None or left < frames * len(own):
            f, index = divmod(left, len(own))
            return start + f * length + own[index][2], own[index][3]
        left -= frames * len(own)
    raise Failure(f"{partition}: window {count} is in no schedule's frame")


def window_starts(serial):
    """[(time, partition, n)] from partitions printing '[name] window N start t=T ns'."""
    return sorted((int(t), name, int(n)) for name, n, t in
                  re.findall(r"^\[(\w+)\] window (\d+) start t=(\d+) ns", serial, re.M))


def check_windows_on_time(t, serial, partitions, first=2, tolerance_ns=TOLERANCE_NS,
                          drift_ns=DRIFT_NS):
    """Every printed window start of `partitions` (from window `first` on) is within tolerance
    after the plan, and no partition's drifts by more than drift_ns (drift); returns (windows
    judged, worst lateness in ns)."""
    plan = parse_plan(serial)
    judged = [(time, name, n) for time, name, n in window_starts(serial)
              if n >= first and name in partitions]
    worst, late_of = 0, {}
    for time, name, n in judged:
        planned, _ = planned_start(plan, name, n)
        late = time - planned
        t.true(0 <= late <= tolerance_ns,
               f"{name} window {n} started at {time} ns, planned {planned} ns ({late} ns late)")
        worst = max(worst, late)
        late_of.setdefault(name, []).append((n, late))
    for name, samples in late_of.items():
        _, problem = drift(samples, drift_ns)
        t.true(not problem, f"{name}: {problem}")
    return judged, worst


def drift(samples, drift_ns=DRIFT_NS):
    """(change, what is wrong or None): samples are (frame, lateness ns); the worst lateness in
    the last tenth of the frames must be that of the first tenth within drift_ns."""
    frames = sorted({f for f, _ in samples})
    tenth = max(1, len(frames) // 10)
    head, tail = set(frames[:tenth]), set(frames[-tenth:])
    first = max(x for f, x in samples if f in head)
    last = max(x for f, x in samples if f in tail)
    if abs(last - first) <= drift_ns:
        return last - first, None
    return last - first, (f"drift: worst lateness {first / 1000:.3f} us in the first "
                          f"{plural(tenth, 'frame')}, {last / 1000:.3f} us in the last "
                          f"(at most {drift_ns / 1000:.3f} us apart)")


# --- the kernel's view, from the schedule trace --------------------------------------------

def channel_kinds(source):
    """{channel name: (kind, source partition, [destinations], depth)} read from a deployment's C
    file: each brace block that sets .kind = CHANNEL_... is a channel. {} when there is no file."""
    if not source or not os.path.exists(source):
        return {}
    with open(source) as f:
        text = re.sub(r"/\*.*?\*/|//[^\n]*", "", f.read(), flags=re.S)
    out = {}
    for block in re.findall(r"\{((?:[^{}]|\{[^{}]*\})*)\}", text):
        kind = re.search(r"\.kind\s*=\s*CHANNEL_(\w+)", block)
        name = re.search(r"\.name\s*=\s*\"([^\"]*)\"", block)
        if not (kind and name):
            continue
        src = re.search(r"\.source\s*=\s*\"([^\"]*)\"", block)
        dests = re.search(r"\.destinations\s*=\s*\{([^}]*)\}", block)
        depth = re.search(r"\.depth\s*=\s*(\d+)", block)
        out[name.group(1)] = (kind.group(1).lower(), src.group(1) if src else None,
                              re.findall(r"\"([^\"]*)\"", dests.group(1)) if dests else [],
                              int(depth.group(1)) if depth else None)
    return out


class Row:
    """One line of the verdict: a partition (or the run) and why it failed, if it did."""

    def __init__(self, name):
        self.name = name
        self.windows = 0
        self.worst = None          # ns
        self.drift = None          # ns: worst lateness in the last tenth minus the first tenth
        self.hm = []               # 'event -> action' of each health-monitor event
        self.hm_expected = False
        self.ports = []            # 'channel: sent n' / 'channel: received n'
        self.reasons = []
        self.note = ""             # the run's row: how it ended

    @property
    def passed(self):
        return not self.reasons


def hm_words(arg):
    event = tracefile.HM_EVENTS.get(arg & 0xFF, str(arg & 0xFF)).lower().replace("_", " ")
    action = tracefile.HM_ACTIONS.get(arg >> 8, str(arg >> 8)).lower().replace("_", " ")
    return f"{event} -> {action}"


def judge_run(status, trace, expect_hm=(), tolerance_ns=TOLERANCE_NS, frames=None,
              config_source=None, drift_ns=DRIFT_NS):
    """The verdict on a run: [Row] with one row per partition of the plan, then the run's.
    status: the harness's BootResult.status ('shutdown', 'panic', 'timeout', 'exit N');
    trace: a tools/trace.py Trace, or None when the stream is missing or unreadable.
    Judged per partition: each of its windows starts 0..tolerance ns after the plan (the
    kernel's WINDOW_START), on the CPU the plan puts it on, the worst lateness of the last tenth
    of the frames is that of the first tenth within drift_ns (no drift), every window of the run
    was entered, it had no health-monitor event unless named in expect_hm, and no message lost
    on a queuing channel to it (judge_ports). Judged for the run: a clean shutdown (exit 33), a
    complete trace (no record lost, no byte skipped), with several CPUs every CPU's windows
    traced, and expect_hm naming only partitions of the deployment."""
    run = Row("(run)")
    run.note = f"ended: {status}"
    if status != "shutdown":
        run.reasons.append(f"the run ended with {status}, not a clean shutdown (exit "
                           f"{EXIT_SHUTDOWN})")
    if trace is None:
        run.reasons.append("no schedule trace came from the kernel (COM2)")
        return [run]
    several = trace.cpus > 1
    if trace.lost or trace.skipped:
        per_cpu = (" (" + ", ".join(f"cpu {c}: {n}" for c, n in sorted(trace.lost_by_cpu.items()))
                   + ")" if several and trace.lost else "")
        run.reasons.append(f"the trace is incomplete: {plural(trace.lost, 'record')} lost in the "
                           f"kernel{per_cpu}, {plural(trace.skipped, 'byte')} skipped")
    ids = sorted({p for p, _, _ in trace.windows.values()})
    rows = {p: Row(trace.name(p)) for p in ids}
    timeline = tracefile.Timeline(trace)
    # the boot CPU ends the run at frame `frames`' boundary; another CPU may begin a window of
    # that frame before it is stopped: no window of the run
    judged = [w for w in timeline.windows if frames is None or w.frame < frames]
    by_partition = {}
    for w in judged:
        by_partition.setdefault(w.partition, []).append(w)
    for p, row in rows.items():
        occ = by_partition.get(p, [])
        row.windows = len(occ)
        own = sum(1 for q, _, _ in trace.windows.values() if q == p)
        # with several schedules, how many windows a frame has depends on the one in force
        if frames is not None and not trace.schedules and len(occ) != frames * own:
            row.reasons.append(f"{plural(len(occ), 'window')} traced, the plan has "
                               f"{frames * own} in {plural(frames, 'frame')}")
        if not occ:
            continue
        late = [(w.frame, w.start - w.planned_start, w) for w in occ]
        row.worst = max(x for _, x, _ in late)
        bad = [(n, x, w) for n, (_, x, w) in enumerate(late, 1) if not 0 <= x <= tolerance_ns]
        if bad:
            n, x, w = bad[0]
            more = f"; {plural(len(bad), 'window')} out of tolerance in all" if len(bad) > 1 else ""
            row.reasons.append(f"window {n} (frame {w.frame}, plan window {w.index}"
                               f"{tracefile.where(trace, w.cpu)}) started "
                               f"{abs(x) / 1000:.3f} us {'after' if x >= 0 else 'before'} the plan "
                               f"(tolerance {tolerance_ns / 1000:.3f} us){more}")
        astray = [(n, w) for n, (_, _, w) in enumerate(late, 1)
                  if w.cpu != trace.window_cpu.get(w.index, 0)]
        if astray:
            n, w = astray[0]
            more = f"; {plural(len(astray), 'window')} on another CPU in all" if len(astray) > 1 else ""
            row.reasons.append(f"window {n} (frame {w.frame}, plan window {w.index}) started on "
                               f"cpu {w.cpu}, the plan puts it on cpu "
                               f"{trace.window_cpu.get(w.index, 0)}{more}")
        # on several CPUs frame 0 is left out of the drift: each CPU loads its partitions in
        # their first windows, and under the emulator (one CPU at a time) a load delays the
        # other CPUs' first starts by a few microseconds, a start of no trend
        row.drift, problem = drift([(f, x) for f, x, _ in late if not (several and f == 0)] or
                                   [(f, x) for f, x, _ in late], drift_ns)
        if problem:
            row.reasons.append(problem)
    # each CPU against its own plan: a CPU whose records never came leaves its windows untraced
    for cpu in range(trace.cpus if several and frames is not None and not trace.schedules else 0):
        planned = sum(1 for key in trace.windows if trace.window_cpu.get(key, 0) == cpu)
        traced = sum(1 for w in judged if w.cpu == cpu)
        if traced != frames * planned:
            run.reasons.append(f"cpu {cpu}: {plural(traced, 'window')} traced, its plan has "
                               f"{frames * planned} in {plural(frames, 'frame')}")
    for e in trace.events:
        if e.name == "HEALTH":
            row = rows.setdefault(e.partition, Row(trace.name(e.partition)))
            row.hm.append(hm_words(e.arg))
    unknown = sorted(set(expect_hm) - {row.name for row in rows.values()})
    if unknown:
        run.reasons.append(f"EXPECT_HM names no partition of the deployment: {', '.join(unknown)}")
    for row in rows.values():
        row.hm_expected = row.name in expect_hm
        if row.hm and not row.hm_expected:
            row.reasons.append(f"{plural(len(row.hm), 'health-monitor event')} ("
                               f"{', '.join(sorted(set(row.hm)))}); expected only with "
                               f"EXPECT_HM={row.name}")
    judge_ports(trace, rows, channel_kinds(config_source))
    return [rows[p] for p in sorted(rows)] + [run]


def judge_ports(trace, rows, kinds):
    """Sends and receives per channel, in the ports column. The kernel never drops a message it
    accepted on a queuing channel (the deployment's C file says which channels queue; without
    it, those a vcpu blocked on): each is received once, or still queued at the end, at most the
    channel's depth of them. More received than sent, or more missing than the queue holds, is a
    lost (or doubled) message and fails the channel's destinations. A send the kernel refused
    (queue full: BH_ENOSPC) reaches neither the trace nor the report: only its sender knows."""
    queuing = {c for c, name in trace.channels.items() if kinds.get(name, ("",))[0] == "queuing"}
    if not kinds:
        queuing = tracefile.queuing_channels(trace)
    sent, received = {}, {}
    for e in trace.events:
        if e.name in ("PORT_SEND", "PORT_RECEIVE"):
            counts = sent if e.name == "PORT_SEND" else received
            per = counts.setdefault(e.arg & 0xFFFF, {})
            per[e.partition] = per.get(e.partition, 0) + 1
    for c, name in sorted(trace.channels.items()):
        total_sent = sum(sent.get(c, {}).values())
        total_received = sum(received.get(c, {}).values())
        left = total_sent - total_received
        _, _, dests, depth = kinds.get(name, (None, None, [], None))
        for p, n in sorted(sent.get(c, {}).items()):
            if p in rows:
                queued = f", {left} queued at the end" if c in queuing and left > 0 else ""
                rows[p].ports.append(f"{name}: sent {n}{queued}")
        for p, n in sorted(received.get(c, {}).items()):
            if p in rows:
                rows[p].ports.append(f"{name}: received {n}")
        if c not in queuing:
            continue
        if left < 0:
            problem = f"{plural(total_received, 'message')} received, {total_sent} sent"
        elif depth is not None and left > depth:
            problem = (f"{plural(left, 'message')} of {total_sent} sent neither received nor "
                       f"queued (depth {depth})")
        else:
            continue
        blamed = [row for row in rows.values() if row.name in dests] or \
            [rows[p] for p in received.get(c, {}) if p in rows] or \
            [rows[p] for p in sent.get(c, {}) if p in rows]
        for row in blamed:
            row.reasons.append(f"queuing channel '{name}': {problem}")


def table(rows, out):
    """The verdict as a table, the reasons under it, and the closing 'verify: N passed' line."""
    print(f"{'partition':<12} {'windows':>7} {'worst late us':>13} {'drift us':>9}  "
          f"{'hm events':<22} {'ports':<36} result", file=out)
    for r in rows:
        if r.name == "(run)":
            continue
        worst = f"{r.worst / 1000:.3f}" if r.worst is not None else "-"
        drift = f"{r.drift / 1000:.3f}" if r.drift is not None else "-"
        hm = str(len(r.hm)) + (" (expected)" if r.hm and r.hm_expected else "")
        print(f"{r.name:<12} {r.windows:>7} {worst:>13} {drift:>9}  {hm:<22} "
              f"{', '.join(r.ports) or '-':<36} {'pass' if r.passed else 'FAIL'}", file=out)
    run = rows[-1]
    print(f"{'(run)':<12} {'':>7} {'':>13} {'':>9}  {'':<22} {run.note:<36} "
          f"{'pass' if run.passed else 'FAIL'}", file=out)
    for r in rows:
        for reason in r.reasons:
            print(f"verify: {r.name}: {reason}", file=out)
    passed = sum(r.passed for r in rows)
    print(f"verify: {passed} passed, {len(rows) - passed} failed", file=out)
    return len(rows) - passed
