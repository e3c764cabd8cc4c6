"""Reliability: the kernel attacked at run time (fuzzed hypercalls and instructions, information
leaks, a long soak) keeps its guarantees. See docs/reliability.md."""
import re
from harness import test, boot, expect_status, check_windows_on_time, parse_plan, planned_start, QEMU_CPU


def check_queue_waiters(t, cmdline=""):
    r = boot(config="queue_waiters", cmdline=cmdline, timeout=60)
    expect_status(t, r, "shutdown")
    m = re.search(r"^\[queue_waiters\] fitting receiver: (\d+) messages, (\d+) out of order; "
                  r"small receiver: (\d+) EMSGSIZE, (\d+) timeouts, (\d+) other$", r.serial, re.M)
    t.true(m, "the fitting receiver never got its 300 messages: it stayed blocked while they waited")
    received, out_of_order, too_small, _, other = map(int, m.groups())
    t.equal((received, out_of_order, other), (300, 0, 0), "messages, out of order, other results")
    t.true(too_small > 0, "the small receiver was never told its buffer is too small")


@test("reliability: receivers blocked on one queue get every message in order (fuzzer regression)")
def _(t):
    # hc_fuzz seed 0x5eed0001 saw a vcpu receive an older message after a newer one: a message was
    # queued for a waiter too small for it while a fitting waiter stayed blocked
    check_queue_waiters(t)


@test("reliability: the same with the clock's low 32 bits wrapping 50 ms into the run")
def _(t):
    # the receivers' timed waits are armed in the dispatcher's 32-bit time (core/tick32.h)
    check_queue_waiters(t, "clock_wrap_in_ms=50")


@test("reliability: one console_write prints at most one line, so it cannot delay a window (fuzzer regression)")
def _(t):
    # hc_fuzz seed 0x5eed0001 made the next window start 21 us late with 256-byte writes that
    # flushed three lines in one non-preemptible call
    r = boot(config="console_burst", timeout=30)
    expect_status(t, r, "shutdown")
    m = t.search(r.serial, r"^\[console_burst\] longest write (\d+) ns, most bytes taken by one call (\d+)$")
    longest, most = int(m.group(1)), int(m.group(2))
    t.true(most <= 121, f"one call took {most} bytes: more than one line's worth")
    t.true(longest < 10_000, f"one console_write kept the kernel {longest} ns: past the 10 us a "
                             "window may start late")
    t.note(f"longest console_write: {longest} ns")


@test("reliability: an iret into virtual-8086 mode (QEMU allows it from ring 3) is the partition's fault, never a panic (fuzzer regression)")
def _(t):
    # insn_fuzz seed 0x1a5e0001 panicked the kernel: the V86 frame's code segment read as ring 0
    escapes = 2 + 3000   # two code segments, then 3000 timer rounds (delays by nop paddings)
    # QEMU (7.2) pops an iret's frame as the kernel would: with SMAP on, a ring-3 iret is a page
    # fault at the iret itself, and no partition reaches virtual-8086 mode. Still its own fault:
    r = boot(config="v86_escape", timeout=60)
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "PANIC")
    t.contains(r.serial, f"[v86_escape] survived {escapes} escapes to virtual-8086 mode")
    t.search(r.serial, r"partition 'v86_escape' vcpu 0: page fault \(#PF\) at eip 0x4[0-9a-f]{7}, "
                       r"address 0x4[0-9a-f]{7}, error 0x1: supervisor-mode access to a user page "
                       r"\(SMAP\) -> warm restart")
    # so the escape itself is tested on the same CPU without SMAP
    r = boot(config="v86_escape", timeout=60, extra=("-cpu", QEMU_CPU + ",-smap"))
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "PANIC")
    t.lacks(r.serial, "wrong")
    t.contains(r.serial, f"[v86_escape] survived {escapes} escapes to virtual-8086 mode")
    events = re.findall(r"^bulkhead: hm: t=[\d.]+ ms partition 'v86_escape' vcpu 0: (.*?) \(#(\w+)\) "
                        r"at eip 0x00001000, address 0x([0-9a-f]+), error 0x([0-9a-f]+)(?:: [a-z ()-]+)? -> warm restart$",
                        r.serial, re.M)
    t.equal(len(events), escapes, "faults reported, one per escape")
    # the first fetch faults, unless an interrupt came first: both frames are the vcpu's fault
    # (error 0x15: present, user, and a fetch, which the CPU says with no-execute or SMEP on)
    t.equal(events[0][1:], ("PF", "00001000", "15"), "round 1 (even code segment)")
    t.equal(events[1][1:], ("PF", "00001030", "15"), "round 2 (odd code segment)")
    interrupted = [e for e in events if e[1] == "GP"]
    t.true(interrupted, "no interrupt ever arrived in virtual-8086 mode: the interrupt path is untested")
    t.search(r.serial, rf"partition \d+ 'v86_escape': mode WARM_START, windows \d+, faults {escapes}, "
                       rf"restarts {escapes}")
    judged, worst = check_windows_on_time(t, r.serial, ("sensor",))
    t.true(len(judged) >= 95, f"only {len(judged)} sensor windows judged")
    t.note(f"{len(interrupted)} escapes met by an interrupt; sensor worst {worst} ns late")


# --- hypercall fuzzing ---------------------------------------------------------------------

HC_FUZZ_CALLS = 1_000_000
HC_FUZZ_SEED = "5eed0001"
ERROR_CODES = ("EPERM", "ENOENT", "EAGAIN", "EFAULT", "EBUSY", "EINVAL", "ENOSPC", "ENOSYS",
               "EMSGSIZE", "ETIMEDOUT")
KERNEL_STACK = re.compile(r"^bulkhead:   vcpu (\d+)\.(\d+) \(pool id \d+\): \w+, dispatched \d+, "
                          r"consumed \d+ us, kernel stack (\d+) of (\d+) bytes$", re.M)


def hc_fuzz_boot():
    return boot(config="hc_fuzz", timeout=240)


def partition_ids(serial):
    return {name: int(i) for i, name in
            re.findall(r"^bulkhead: (?:plan )?window \d+: partition (\d+) '(\w+)'", serial, re.M)}


def counts_of(serial, label):
    """The name=count pairs the fuzzer printed under `label` (a report may wrap onto more lines)."""
    counts = {}
    for rest in re.findall(rf"^\[hc_fuzz\] {re.escape(label)}:(.*)$", serial, re.M):
        for name, n in re.findall(r" (\w+)=(\d+)", rest):
            counts[name] = counts.get(name, 0) + int(n)
    return counts


def deepest_kernel_stack(t, serial, partition_id=None):
    stacks = [(int(p), int(v), int(used), int(size)) for p, v, used, size in KERNEL_STACK.findall(serial)]
    t.true(stacks, "the summary lists no kernel stack")
    if partition_id is not None:
        stacks = [s for s in stacks if s[0] == partition_id]
    return max(stacks, key=lambda s: s[2])


@test("reliability: 1,000,000 fuzzed hypercalls from two vcpus: counts add up, every result is documented")
def _(t):
    r = hc_fuzz_boot()
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "PANIC")
    done = t.search(r.serial, r"^\[hc_fuzz\] (\d+) calls, seed 0x([0-9a-f]+), done$")
    t.equal((int(done.group(1)), done.group(2)), (HC_FUZZ_CALLS, HC_FUZZ_SEED), "calls and seed")
    totals = {name: int(n) for name, n in re.findall(r"^\[hc_fuzz\] total (\w+): (\d+)$", r.serial, re.M)}
    t.equal(sorted(totals), sorted(("ok", "other") + ERROR_CODES), "result kinds in the totals")
    t.equal(sum(totals.values()), HC_FUZZ_CALLS, "sum of the totals")
    t.equal(totals["other"], 0, "results that are no documented error code")
    t.equal(int(t.search(r.serial, r"^\[hc_fuzz\] wrong results: (\d+)$").group(1)), 0,
            "results contradicting the ABI (see the '... wrong' lines)")
    # each vcpu checks what it received, so neither may write where the other receives
    memory = t.search(r.serial, r"^\[hc_fuzz\] seed .* memory \[0x[0-9a-f]+, (0x[0-9a-f]+)\)")
    memory_end = int(memory.group(1), 16)
    parts = sorted((int(a, 16), int(b, 16)) for a, b in re.findall(
        r"^\[hc_fuzz\] vcpu \d writes its outputs to \[(0x[0-9a-f]+), (0x[0-9a-f]+)\)$", r.serial, re.M))
    t.equal(len(parts), 2, "output parts printed")
    t.true(parts[0][1] + 4096 <= parts[1][0], f"output parts {parts} not a page apart")
    t.equal(parts[1][1], memory_end, "end of the last output part (the end of memory)")
    # every code came up: the fuzzer reached each kind of check in the kernel
    for name in ERROR_CODES:
        t.true(totals[name] > 0, f"no call ever failed with {name}")
    per_number = {}
    for nr, name, calls in re.findall(r"^\[hc_fuzz\] nr (\d+) (\w+), (\d+) calls:", r.serial, re.M):
        counts = counts_of(r.serial, f"nr {nr} {name}, {calls} calls")
        t.equal(sum(counts.values()), int(calls), f"results of {name}")
        per_number[name] = counts
    t.equal(len(per_number), 41, "hypercall numbers reported (40 and 'unknown')")
    for kind in totals:
        t.equal(sum(c.get(kind, 0) for c in per_number.values()), totals[kind], f"{kind} over all numbers")
    for name, counts in per_number.items():
        if name != "vcpu_halt":
            # 15 draws in 16 take one of the 39 numbers but vcpu_halt: about 1/42 of the calls each
            t.true(sum(counts.values()) >= HC_FUZZ_CALLS // 45, f"{name} called only {sum(counts.values())} times")
    t.equal(sum(per_number["vcpu_halt"].values()), 0, "vcpu_halt calls (they would stop the fuzzer)")
    t.equal(set(per_number["unknown"]), {"ENOSYS"}, "results of unknown numbers")
    # the kernel: no fault, no restart, and exactly one health-monitor event per report accepted
    ids = partition_ids(r.serial)
    t.search(r.serial, rf"^bulkhead: partition {ids['hc_fuzz']} 'hc_fuzz': mode IDLE, windows \d+, faults 0, restarts 0, requested restarts 0$")
    t.contains(r.serial, f"[referee] partition {ids['hc_fuzz']} is IDLE")
    events = int(t.search(r.serial, r"^bulkhead: hm: partition 'hc_fuzz': (\d+) events").group(1))
    t.equal(events, per_number["hm_report"]["ok"], "health-monitor events of hc_fuzz")
    peer_errors = re.findall(r"^\[fuzz_peer\] window \d+: .* errors (\d+)$", r.serial, re.M)
    t.true(peer_errors, "fuzz_peer reported nothing")
    t.equal(set(peer_errors), {"0"}, "errors fuzz_peer met on its ports")
    _, _, used, size = deepest_kernel_stack(t, r.serial)
    t.true(used <= size // 2, f"a kernel stack reached {used} of {size} bytes")
    t.note(f"{HC_FUZZ_CALLS} calls in {r.wall:.1f} s wall: " +
           ", ".join(f"{k} {v}" for k, v in totals.items() if v) + f"; deepest kernel stack {used} bytes")


def check_demo_partitions(t, r):
    """The demo's sensor, control and logger beside a fuzzer: every window start within 10 us of
    the plan, every command sent received in order, every altitude read one the sensor wrote and
    valid. Returns (window starts judged, worst lateness ns, frames, commands, samples)."""
    judged, worst = check_windows_on_time(t, r.serial, ("sensor", "control", "logger"))
    frames = int(t.search(r.serial, r"^bulkhead: summary after (\d+) major frames?").group(1))
    t.true(len(judged) >= 3 * (frames - 2), f"{len(judged)} window starts judged in {frames} frames")
    sent = re.findall(r"^\[control\] window \d+ vcpu 1 sent '(trim \d+)'$", r.serial, re.M)
    received = re.findall(r"^\[logger\] window \d+ received '(trim \d+)'$", r.serial, re.M)
    t.true(len(sent) >= frames // 3, f"only {len(sent)} commands sent in {frames} frames")
    t.equal(received, sent, "commands received by the logger")
    written = [int(a) for a in re.findall(r"^\[sensor\] window \d+ start t=\d+ ns: altitude (\d+) written$",
                                          r.serial, re.M)]
    read = [(int(a), state) for a, state in re.findall(
        r"^\[control\] window \d+ vcpu 0 read altitude (\d+) \(age \d+ us, (\w+)\)$", r.serial, re.M)]
    t.true(len(read) >= frames // 3, f"only {len(read)} altitude samples read")
    t.equal(written, list(range(1007, 1007 + 7 * len(written), 7)), "altitudes written")
    t.true(all(a in written for a, _ in read), "control read an altitude the sensor never wrote")
    t.equal([a for a, _ in read], sorted(a for a, _ in read), "altitudes read, in order")
    t.equal({s for _, s in read}, {"valid"}, "sample validity")
    return judged, worst, frames, len(received), len(read)


@test("reliability: beside the hypercall fuzzer the demo partitions lose no message and keep every window")
def _(t):
    r = hc_fuzz_boot()
    expect_status(t, r, "shutdown")
    judged, worst, frames, commands, samples = check_demo_partitions(t, r)
    t.note(f"{len(judged)} demo window starts judged over {frames} frames, worst {worst} ns late; "
           f"{commands} commands, {samples} samples")


# --- instruction fuzzing -------------------------------------------------------------------

INSN_FUZZ_FAULTS = 100_000
INSN_FUZZ_SEED = "1a5e0001"


def insn_fuzz_boot():
    return boot(config="insn_fuzz", timeout=240)


@test("reliability: 100,000 faults from random instructions, each a warm restart; the kernel survives")
def _(t):
    r = insn_fuzz_boot()
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "PANIC")
    t.contains(r.serial, f"[insn_fuzz] {INSN_FUZZ_FAULTS} faults survived, seed 0x{INSN_FUZZ_SEED}, done")
    reports = re.findall(r"^\[insn_fuzz\] (\d+) sequences, (\d+) faults, (\d+) restarts by the health "
                         r"monitor and (\d+) by the watchdog, (\d+) sequences completed$", r.serial, re.M)
    t.equal([int(f) for _, f, _, _, _ in reports], list(range(10_000, INSN_FUZZ_FAULTS + 1, 10_000)),
            "faults at each progress report (the last one at the end)")
    sequences, faults, restarts, stalls, completed = map(int, reports[-1])
    t.equal(faults, INSN_FUZZ_FAULTS, "faults when the fuzzer stopped")
    t.true(stalls > 0, "no sequence ever looped: the watchdog went untested")
    ids = partition_ids(r.serial)
    t.search(r.serial, rf"^bulkhead: partition {ids['insn_fuzz']} 'insn_fuzz': mode IDLE, windows \d+, "
                       rf"faults {faults}, restarts {restarts}, requested restarts {stalls}$")
    t.contains(r.serial, f"[referee] partition {ids['insn_fuzz']} is IDLE")
    # every event logged, one in 1000 printed, all of them warm restarts
    summary = t.search(r.serial, r"^bulkhead: hm: partition 'insn_fuzz': (\d+) events, (\d+) printed; by kind:(.*)$")
    events, printed = int(summary.group(1)), int(summary.group(2))
    kinds = {k.strip(): int(n) for k, n in re.findall(r" ([A-Za-z ]+?) (\d+)", summary.group(3))}
    t.equal(events, restarts, "health-monitor events (each one restarted the partition)")
    t.equal(sum(kinds.values()), events, "events by kind")
    t.equal(sum(n for k, n in kinds.items() if k not in ("application error", "vcpu misuse")), faults,
            "CPU exceptions by kind")
    t.true(len([k for k in kinds if k not in ("application error", "vcpu misuse")]) >= 5,
           f"only these exceptions came up: {kinds}")
    lines = re.findall(r"^bulkhead: hm: t=[\d.]+ ms partition 'insn_fuzz' vcpu 0: .* -> (.*)$", r.serial, re.M)
    t.equal(len(lines), printed, "event lines printed")
    t.equal(printed, (events + 999) // 1000, "one event in 1000 printed")
    t.equal(set(lines), {"warm restart"}, "actions")
    _, _, used, size = deepest_kernel_stack(t, r.serial)
    t.true(used <= size // 2, f"a kernel stack reached {used} of {size} bytes")
    t.note(f"{faults} faults ({kinds}) from {sequences} sequences ({completed} ran through, "
           f"{stalls} looped until the watchdog) in {r.wall:.1f} s wall; deepest kernel stack {used} bytes")


@test("reliability: beside the instruction fuzzer the demo partitions lose no message and keep every window")
def _(t):
    r = insn_fuzz_boot()
    expect_status(t, r, "shutdown")
    judged, worst, frames, commands, samples = check_demo_partitions(t, r)
    t.note(f"{len(judged)} demo window starts judged over {frames} frames, worst {worst} ns late; "
           f"{commands} commands, {samples} samples")


# --- information leaks ---------------------------------------------------------------------

@test("reliability: no kernel byte reaches a partition through any structure the kernel copies out")
def _(t):
    r = boot(config="leaks", timeout=30)
    expect_status(t, r, "shutdown")
    written = re.findall(r"^\[leak_probe\] probe ([^:]+): (\d+) bytes; unwritten (\d+), changed beyond (\d+), "
                         r"stack pattern (\d+), wrong fields (\d+)$", r.serial, re.M)
    t.equal([name for name, *_ in written],
            ["get_time", "partition_status of itself", "partition_status of another",
             "port_open of a sampling port", "port_open of a queuing port", "sampling_read data",
             "sampling_read info", "queuing_receive", "hm_read_log 0", "hm_read_log 1", "upcall frame"],
            "structures probed")
    for name, size, *counts in written:
        t.equal([int(c) for c in counts], [0, 0, 0, 0],
                f"{name} ({size} bytes): unwritten, changed beyond, kernel stack pattern, wrong fields")
    failing = re.findall(r"^\[leak_probe\] probe ([^:]+): result (-?\d+), expected (-?\d+); bytes changed (\d+)$",
                         r.serial, re.M)
    t.equal(len(failing), 6, "failing calls probed")
    for name, result, expected, changed in failing:
        t.equal((result, changed), (expected, "0"), f"{name}: result and output bytes changed")
    t.contains(r.serial, "[leak_probe] leak_probe: 17 probes, 0 problems")
    # the kernel stacks still hold their fill pattern below what was used: a stale byte would show
    ids = partition_ids(r.serial)
    _, _, used, size = deepest_kernel_stack(t, r.serial, ids["leak_probe"])
    t.true(0 < used < size, f"leak_probe's kernel stack used {used} of {size} bytes")
    t.note(f"{len(written)} structures and {len(failing)} failing calls probed; kernel stack {used} of {size} bytes used")


# --- soak ----------------------------------------------------------------------------------

SOAK_FRAMES = 10_000
SOAK_PARTITIONS = ("soak_tx", "soak_rx", "soak_faulty", "soak_monitor")
SOAK_FAULT_EVERY = 10


def reports(t, serial, name, pattern):
    """Every periodic report `pattern` of `name`, as tuples of ints; one per 100 windows."""
    found = [tuple(map(int, m)) for m in re.findall(rf"^\[{name}\] window (\d+): {pattern}$", serial, re.M)]
    t.equal([f[0] for f in found], list(range(100, SOAK_FRAMES + 1, 100)), f"windows of {name}'s reports")
    return found


@test("reliability: soak, 10,000 frames of every feature at once: every window on time, nothing lost, every fault expected")
def _(t):
    r = boot(config="soak", timeout=240)
    expect_status(t, r, "shutdown")
    t.search(r.serial, rf"^bulkhead: summary after {SOAK_FRAMES} major frames")
    plan = parse_plan(r.serial)
    # every window start of every partition, against the plan: no drift can hide
    judged, worst = check_windows_on_time(t, r.serial, SOAK_PARTITIONS)
    t.equal(len(judged), len(SOAK_PARTITIONS) * (SOAK_FRAMES - 1), "window starts judged (all but the first)")
    late = {name: [time - planned_start(plan, name, n)[0] for time, p, n in judged if p == name]
            for name in SOAK_PARTITIONS}
    first, last = ([v for lates in late.values() for v in lates[:1000]],
                   [v for lates in late.values() for v in lates[-1000:]])
    # queue and sample: every number, in order; the timer: every period, delivered or counted missed
    for window, sent, full in reports(t, r.serial, "soak_tx", r"sent (\d+) messages, queue full (\d+) times"):
        t.equal((sent, full), (4 * window, 0), f"soak_tx at window {window}")
    for window, received, *errors in reports(t, r.serial, "soak_rx",
                                             r"received (\d+), lost (\d+), duplicated (\d+), reordered (\d+)"):
        t.equal((received, *errors), (4 * window, 0, 0, 0), f"soak_rx's messages at window {window}")
    for window, reads, out_of_step, stale, ticks, periods in reports(
            t, r.serial, "soak_rx", r"(\d+) samples read, (\d+) out of step, (\d+) stale; timer ticks (\d+), "
                                    r"elapsed (\d+) periods"):
        t.equal((reads, out_of_step, stale), (window, 0, 0), f"soak_rx's samples at window {window}")
        t.true(periods - 1 <= ticks <= periods, f"at window {window}: {ticks} timer ticks in {periods} periods")
    # the health monitor: one invalid opcode in each 10th window of soak_faulty, each a warm restart
    faults = SOAK_FRAMES // SOAK_FAULT_EVERY
    events = re.findall(r"^bulkhead: hm: t=(\d+)\.(\d+) ms partition '(\w+)' vcpu 0: (.*?) at eip 0x[0-9a-f]+, "
                        r"address 0x[0-9a-f]+, error 0x[0-9a-f]+ -> (.*)$", r.serial, re.M)
    t.equal(len(events), faults, "health-monitor events printed")
    for k, (ms, us, name, what, action) in enumerate(events, start=1):
        start, duration = planned_start(plan, "soak_faulty", k * SOAK_FAULT_EVERY)
        at = int(ms) * 1_000_000 + int(us) * 1000
        t.equal((name, what, action), ("soak_faulty", "invalid opcode (#UD)", "warm restart"), f"event {k}")
        t.true(start - 1000 <= at < start + duration, f"event {k} at {at} ns, outside window "
                                                      f"{k * SOAK_FAULT_EVERY} of soak_faulty")
    t.search(r.serial, rf"^bulkhead: health-monitor events: {faults}$")
    ids = partition_ids(r.serial)
    t.search(r.serial, rf"^bulkhead: partition {ids['soak_faulty']} 'soak_faulty': mode NORMAL, "
                       rf"windows {SOAK_FRAMES}, faults {faults}, restarts {faults}, requested restarts 0$")
    for window, events_read, source, unexpected, missed in reports(
            t, r.serial, "soak_monitor", r"(\d+) events, all from partition (\d+): (\d+) unexpected, (\d+) missed"):
        t.equal((events_read, source, unexpected, missed),
                (window // SOAK_FAULT_EVERY, ids["soak_faulty"], 0, 0), f"soak_monitor at window {window}")
    _, _, used, size = deepest_kernel_stack(t, r.serial)
    t.true(used <= size // 2, f"a kernel stack reached {used} of {size} bytes")
    t.note(f"{SOAK_FRAMES} frames in {r.wall:.1f} s wall; {len(judged)} window starts, worst {worst} ns late "
           f"(first 1000 frames {max(first)} ns, last 1000 {max(last)} ns); {4 * SOAK_FRAMES} messages, "
           f"{faults} faults and restarts")


@test("reliability: the hypercall fuzzer's seed replays its calls, whatever the timing (a run without -icount)")
def _(t):
    deterministic = hc_fuzz_boot()
    expect_status(t, deterministic, "shutdown")
    # real time: other results, other progress, but the same draws: every checkpoint (vcpu,
    # calls) both runs reached must show the same hash. The run lasts until the fuzzer is done
    # (the referee ends it), not a number of frames, so a loaded host still reaches checkpoints.
    free = boot(config="hc_fuzz", timeout=180, icount=False)
    expect_status(t, free, "shutdown")
    t.lacks(free.serial, "PANIC")
    pattern = r"^\[hc_fuzz\] vcpu (\d) after (\d+) calls, hash (0x[0-9a-f]+):"
    hashes = [{(v, int(n)): h for v, n, h in re.findall(pattern, r.serial, re.M)} for r in (deterministic, free)]
    common = sorted(set(hashes[0]) & set(hashes[1]))
    t.true(common, "the run without -icount reached no checkpoint")
    for checkpoint in common:
        t.equal(hashes[1][checkpoint], hashes[0][checkpoint], f"hash of vcpu {checkpoint[0]}'s first "
                                                              f"{checkpoint[1]} calls, with and without -icount")
    t.note(f"{len(common)} checkpoints compared ({common}); the run without -icount took {free.wall:.1f} s wall")
