"""Issue 17 (Must have 2): a CPU's one-shot events from its local APIC timer (timer=lapic),
calibrated against the HPET, which stays the clock; the HPET comparator by default."""
from harness import (QEMU_CPU, test, boot, expect_status, check_windows_on_time, parse_plan, planned_start,
                     window_starts)

FRAMES = 1000
LAPIC = (r"^bulkhead: timer: local APIC one-shot, 1000000000 Hz "
         r"\(calibrated against HPET 100000000 Hz\)$")
HPET = r"^bulkhead: timer: HPET 100000000 Hz one-shot$"
PARTITIONS = ("sensor", "control", "logger")
# the one's start may fall in the HPET tick after the other's: the clock's 10 ns, and as much again
SAME_NS = 20


def run(option):
    return boot(cmdline=f"frames={FRAMES} {option}", timeout=120)


def lateness(serial):
    """{(partition, window n): ns after plan}"""
    plan = parse_plan(serial)
    return {(name, n): time - planned_start(plan, name, n)[0]
            for time, name, n in window_starts(serial) if name in PARTITIONS}


def on_time_for_1000_frames(t, option, banner):
    r = run(option)
    expect_status(t, r, "shutdown")
    t.search(r.serial, banner, "the banner's timer line")
    t.lacks(r.serial, "unknown or invalid command-line option", "the command line's warnings")
    judged, worst = check_windows_on_time(t, r.serial, PARTITIONS)
    t.true(len(judged) >= 3 * (FRAMES - 2), f"only {len(judged)} window starts printed")
    t.contains(r.serial, f"bulkhead: summary after {FRAMES} major frames")
    t.note(f"{option}: {len(judged)} windows judged, worst start {worst} ns after plan")


@test("timer: the local APIC timer (timer=lapic): the banner names it with its "
      "calibration, every window within 10 us of plan for 1,000 frames")
def _(t):
    on_time_for_1000_frames(t, "timer=lapic", LAPIC)


@test("timer: the HPET comparator (the default, and timer=hpet): the banner names it, every "
      "window within 10 us of plan for 1,000 frames")
def _(t):
    on_time_for_1000_frames(t, "timer=hpet", HPET)
    r = boot(cmdline="frames=2", timeout=30)
    expect_status(t, r, "shutdown")
    t.search(r.serial, HPET, "the banner's timer line without timer=")


@test("timer: the local APIC timer's interrupt comes when the HPET comparator's would: each "
      "window of 1,000 frames starts as late after plan under both, within 20 ns")
def _(t):
    lapic, hpet = run("timer=lapic"), run("timer=hpet")
    expect_status(t, lapic, "shutdown")
    expect_status(t, hpet, "shutdown")
    a, b = lateness(lapic.serial), lateness(hpet.serial)
    t.equal(sorted(a), sorted(b), "the windows printed under both")
    worst = max(abs(a[k] - b[k]) for k in a)
    off = [(k, a[k], b[k]) for k in sorted(a) if abs(a[k] - b[k]) > SAME_NS]
    t.true(not off, f"{len(off)} windows start otherwise under the two timers, e.g. "
           f"(window, ns late under lapic, under hpet) {off[:3]}")
    t.note(f"{len(a)} windows, the most a start differs: {worst} ns")


@test("timer: timer=<other> is warned about, named, and the HPET is the timer")
def _(t):
    r = boot(cmdline="frames=2 timer=pit", timeout=30)
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: warning: timer=pit is neither hpet nor lapic: the HPET is "
             r"the timer$")
    t.search(r.serial, HPET, "the banner's timer line")
    t.contains(r.serial, "bulkhead: summary after 2 major frames")


@test("timer: timer=lapic where the local APIC does not count (-cpu ...,-apic): the HPET is the "
      "timer, with a warning, and the demo runs")
def _(t):
    r = boot(cmdline="frames=2 timer=lapic", extra=("-cpu", QEMU_CPU + ",-apic"), timeout=30)
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: warning: the local APIC timer did not count \(0 then 0\): the "
             r"HPET is the timer$")
    t.search(r.serial, HPET, "the banner's timer line")
    t.contains(r.serial, "bulkhead: summary after 2 major frames")
