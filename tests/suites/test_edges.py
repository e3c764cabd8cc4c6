"""Exact edges (tests/configs/edges.c): every pointer-taking hypercall at the last byte of the
caller's memory and one past it, the order of virtual interrupts, vint_mask's and vint_block's
rules, timers' missed periods, a restart clearing a timer, the runtime's NULL upcall handler, and
a woken higher-priority vcpu preempting a lower-priority one at once."""
import re

from harness import test, boot, expect_status, check_windows_on_time

# each pointer a hypercall takes: (accepted at the end of memory, refused a byte past it)
BOUNDARIES = [
    ("console_write ending at the end", "console_write a byte past"),
    ("get_time ending at the end", "get_time a byte past"),
    ("partition_status ending at the end", "partition_status a byte past"),
    ("vcpu_up stack top at the end", "vcpu_up stack top a byte past the end"),
    ("vint_set_upcall stack top at the end", "vint_set_upcall stack top a byte past"),
    ("vint_set_upcall entry at the last byte", "vint_set_upcall entry a byte past"),
    ("port_open name ending at the end", "port_open name a byte past"),
    ("port_open info ending at the end", "port_open info a byte past"),
    ("sampling_write buffer ending at the end", "sampling_write a byte past"),
    ("sampling_read buffer ending at the end", "sampling_read buffer a byte past"),
    ("sampling_read info ending at the end", "sampling_read info a byte past"),
    ("queuing_send buffer ending at the end", "queuing_send a byte past"),
    ("queuing_receive buffer ending at the end", "queuing_receive a byte past"),
    ("hm_read_log record ending at the end", "hm_read_log a byte past"),
]
EFAULT = -14
CHECKS = 54


def edges_boot(t):
    r = boot(config="edges", timeout=60)
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "PANIC")
    return r


def checks(r):
    """{name: (got, want)} of edges' check lines."""
    return {name: (int(got), int(want)) for name, got, want, _ in re.findall(
        r"^\[edges\] check (.*): got (-?\d+) want (-?\d+) (ok|FAIL)$", r.serial, re.M)}


def expect_checks(t, r, names):
    found = checks(r)
    for name in names:
        t.true(name in found, f"edges never ran the check {name!r}")
        got, want = found[name]
        t.equal(got, want, name)
    return found


@test("edges: all checks run and pass; the other partitions keep their windows")
def _(t):
    r = edges_boot(t)
    m = t.search(r.serial, r"^\[edges\] edges: (\d+) checks, (\d+) failed$")
    t.equal((int(m.group(1)), int(m.group(2))), (CHECKS, 0), "checks run and failed")
    t.equal(len(checks(r)), CHECKS, "check lines")
    # the only events are edges' own two reports
    t.equal(len(re.findall(r"^bulkhead: hm: .*$", r.serial, re.M)), 2, "hm events")
    t.contains(r.serial, "partition 0 'edges': mode NORMAL, windows 14, faults 0")
    judged, worst = check_windows_on_time(t, r.serial, ("edges_peer", "prio"))
    t.true(len(judged) >= 24, f"only {len(judged)} window starts judged")
    t.note(f"{len(judged)} window starts of edges_peer and prio, worst {worst} ns late")


@test("edges: every pointer-taking hypercall takes a range ending at the end of memory, "
      "and refuses one a byte past it")
def _(t):
    r = edges_boot(t)
    found = expect_checks(t, r, [n for pair in BOUNDARIES for n in pair] +
                          ["the sample read there", "the message received there",
                           "vcpu_up stack top less than 4 bytes above the base",
                           "that vcpu ran and halted"])
    for accepted, refused in BOUNDARIES:
        t.true(found[accepted][1] >= 0, f"{accepted}: expects a success")
        t.equal(found[refused][1], EFAULT, f"{refused}: expects BH_EFAULT")
    t.contains(r.serial, "[edges] end\n", "the console line written from the last 4 bytes")


@test("edges: several pending lines are delivered lowest first, also once a masked one is "
      "unmasked; vint_block does not return for a pending masked line")
def _(t):
    r = edges_boot(t)
    expect_checks(t, r, ["three lines pending at once: delivered lowest first",
                         "vint_block waits past a pending masked line (for the timer, 300 us)",
                         "doorbell, then the timer unmasked in its handler, then health"])


@test("edges: vint_mask returns the line's old state as 0 or 1")
def _(t):
    r = edges_boot(t)
    expect_checks(t, r, ["mask doorbell: old state", "mask doorbell again: old state 1",
                         "unmask doorbell: old state 1", "unmask doorbell again: old state",
                         "mask health: old state", "mask health again: old state 1",
                         "unmask health: old state 1"])


@test("edges: a NULL upcall handler keeps the one registered before")
def _(t):
    r = edges_boot(t)
    expect_checks(t, r, ["register the handler", "register NULL",
                         "a doorbell reaches the handler registered before a NULL one"])


@test("edges: a timer's missed periods are counted, in a window with delivery off and across "
      "the gaps between windows; a warm restart clears the vcpu's timer")
def _(t):
    r = edges_boot(t)
    expect_checks(t, r, ["deliveries of 10 expiries held back",
                         "missed periods told with that delivery", "deliveries on time after it",
                         "missed periods told with them",
                         "timer deliveries in 1 ms after a warm restart"])
    m = t.search(r.serial, r"^\[edges\] timer across windows: armed (\d+) period (\d+) "
                 r"deliveries (\d+) periods (\d+) last (\d+) most missed (\d+)$")
    armed, period, deliveries, periods, last, most = map(int, m.groups())
    # every period up to the last delivery was delivered or told missed, none twice
    t.true((last - armed) % period >= 1000, "the last delivery is too close to a period to judge")
    t.equal(periods, (last - armed) // period, "periods delivered or told missed by the last "
                                               "delivery")
    t.true(most >= 10, f"at most {most} periods missed at once: the gaps were not crossed")
    t.true(deliveries < periods, "no delivery told a missed period")
    t.note(f"{periods} periods in {deliveries} deliveries, up to {most} missed at once")


@test("prio: a woken higher-priority vcpu preempts its spinning lower-priority sibling at once, "
      "woken by its timer or by the sibling's doorbell")
def _(t):
    r = edges_boot(t)
    m = t.search(r.serial, r"^\[prio\] preemption: (\d+) wakes, worst (\d+) ns after expiry, "
                 r"the low vcpu ran meanwhile in (\d+)$")
    wakes, worst, low_ran = map(int, m.groups())
    t.equal(wakes, 20, "wakes")
    t.equal(low_ran, 20, "wakes during which the lower-priority vcpu ran (it spins)")
    # without the preemption it would wait for the end of the 4 ms quantum or the window
    t.true(worst <= 10_000, f"the high-priority vcpu ran {worst} ns after its timer expired")
    m = t.search(r.serial, r"^\[prio\] doorbell preemption: (\d+) rings, vcpu 1 ran before the "
                 r"ring returned in (\d+), worst (\d+) ns after the ring$")
    rings, before_return, worst_ring = map(int, m.groups())
    t.equal((rings, before_return), (20, 20), "doorbell rings, and those vcpu 1 ran inside")
    t.true(worst_ring <= 10_000, f"vcpu 1 ran {worst_ring} ns after the ring")
    t.note(f"worst {worst} ns from a timer's expiry, {worst_ring} ns from a sibling's doorbell, "
           "to the high-priority vcpu's upcall")
