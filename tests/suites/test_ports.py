"""Issue 4: sampling and queuing ports between partitions, copied and checked by the kernel."""
import re
from harness import test, boot, expect_status


def ports_boot():
    return boot(config="ports", timeout=120)


@test("ports: 100,000 queued messages arrive with none lost, duplicated or reordered")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[qsender] sent 100000 messages")
    t.contains(r.serial, "[qreceiver] received 100000, lost 0, duplicated 0, reordered 0")


@test("ports: a full queue refuses with ENOSPC, an empty one with EAGAIN or after the timeout")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[qsender] queue full after 64 messages: -28")   # depth 64
    t.contains(r.serial, "[qsender] oversized send: -90")
    t.contains(r.serial, "[qreceiver] empty receive: -11")
    t.contains(r.serial, "[qreceiver] receive into a 1-byte buffer: -11")
    waited = int(t.search(r.serial, r"receive with 50 us timeout: -110 after (\d+) ns").group(1))
    t.true(50_000 <= waited <= 60_000, f"timed-out receive returned after {waited} ns")


@test("ports: a sample reports its age, valid within the refresh period and stale after")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    refresh = int(t.search(r.serial, r"\[sreader\] gauge: refresh (\d+) ns").group(1))
    writes = {int(v): int(ts) for v, ts in
              re.findall(r"^\[sampler\] wrote (\d+) at (\d+) ns: 0$", r.serial, re.M)}
    reads = re.findall(r"^\[sreader\] window (\d+) at (\d+) ns: value (\d+) age (\d+) ns (\w+)$",
                       r.serial, re.M)
    t.true(len(reads) >= 30, f"only {len(reads)} samples read")
    states = set()
    for window, when, value, age, state in reads:
        window, when, value, age = int(window), int(when), int(value), int(age)
        t.equal(value, window if window % 2 else window - 1, f"value read in window {window}")
        # the age is measured inside the read, a little before the reader's own timestamp
        t.true(0 <= (when - writes[value]) - age <= 5_000,
               f"window {window}: age {age} ns but written {when - writes[value]} ns before")
        t.equal(state, "valid" if age <= refresh else "stale", f"validity in window {window}")
        states.add(state)
    t.equal(states, {"valid", "stale"}, "validities seen")


@test("ports: a partition can open only the ports its deployment gives it")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[stranger] open stream: -1")
    t.contains(r.serial, "[stranger] open gauge: -1")
    t.contains(r.serial, "[stranger] send on a handle never opened: -22")
