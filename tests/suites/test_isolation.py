"""Issue 3: hostile partitions are stopped with a report; the others keep their exact windows."""
import re
from harness import test, boot, expect_status, check_windows_on_time

HM = r"bulkhead: hm: t=[\d.]+ ms partition '{name}' vcpu {vcpu}: {what} at eip 0x(4[0-9a-f]{{7}}), address 0x{addr}, error 0x{err}{cause} -> {action}"


@test("isolation: hostile partitions are stopped with reports; the demo partitions stay on time")
def _(t):
    r = boot(config="isolation", timeout=90)
    expect_status(t, r, "shutdown")
    t.search(r.serial, HM.format(name="rogue_read", vcpu=0, what=r"page fault \(#PF\)",
                                 addr="00100000", err="5", cause=": kernel page",
                                 action="stop partition"))
    t.search(r.serial, HM.format(name="rogue_write", vcpu=0, what=r"page fault \(#PF\)",
                                 addr="01000000", err="7", cause=": kernel page",
                                 action="stop partition"))
    t.search(r.serial, HM.format(name="rogue_divide", vcpu=0, what=r"divide error \(#DE\)",
                                 addr="00000000", err="0", cause="", action="stop partition"))
    t.lacks(r.serial, "isolation broken")
    t.lacks(r.serial, "no exception")
    t.lacks(r.serial, "PANIC")
    for name in ("rogue_read", "rogue_write", "rogue_divide"):
        t.search(r.serial, rf"partition \d+ '{name}': mode IDLE, windows \d+, faults 1, restarts 0")
    judged, worst = check_windows_on_time(t, r.serial, ("sensor", "control", "logger"))
    t.true(len(judged) >= 3 * 20, f"only {len(judged)} demo window starts judged")
    t.note(f"{len(judged)} demo windows judged next to the hostile ones, worst {worst} ns late")


@test("isolation: every privileged instruction and int $0x20 from ring 3 is a #GP, never a panic")
def _(t):
    r = boot(config="isolation", timeout=90)
    expect_status(t, r, "shutdown")
    steps = ["cli", "hlt", "in", "out", "lgdt", "mov cr3", "int 0x20", "int 0x0e", "wrmsr"]
    reports = re.findall(HM.format(name="rogue_priv", vcpu=0, what=r"general protection \(#GP\)",
                                   addr="00000000", err=r"([0-9a-f]+)", cause="", action="warm restart"),
                         r.serial)
    t.equal(len(reports), len(steps), "general-protection reports for rogue_priv")
    # int n through a DPL-0 gate: the error code names the IDT entry, (n << 3) | 2
    t.equal(reports[steps.index("int 0x20")][1], "102", "error code of int $0x20")
    t.equal(reports[steps.index("int 0x0e")][1], "72", "error code of int $0x0e")
    t.contains(r.serial, "[rogue_priv] all 9 privileged steps were stopped")
    t.search(r.serial, r"partition \d+ 'rogue_priv': mode WARM_START, windows \d+, faults 9, restarts 9")


@test("isolation: a vcpu spinning forever cannot keep its sibling off the CPU past its quantum")
def _(t):
    r = boot(config="isolation", timeout=90)
    expect_status(t, r, "shutdown")
    ran = re.findall(r"^\[rogue_spin\] vcpu 0 ran in window (\d+)", r.serial, re.M)
    t.equal([int(n) for n in ran], list(range(1, 23)), "windows in which vcpu 0 ran")
    vcpus = re.findall(r"vcpu 7\.([01]) \(pool id \d+\): \w+, dispatched (\d+), consumed (\d+) us",
                       r.serial)
    t.equal(len(vcpus), 2, "rogue_spin vcpus in the summary")
    consumed = {v: int(c) for v, _, c in vcpus}
    total = 22 * 4000
    # two equal-priority vcpus, 200 us quantum: each gets about half of every 4 ms window
    for v, c in consumed.items():
        t.true(0.4 * total <= c <= 0.6 * total, f"vcpu 7.{v} consumed {c} us of {total} us")
    # the quantum itself: the spinner's longest stretch on the CPU is one quantum (200 us of
    # cycles under -icount), never more, and it got the CPU about once per 400 us
    runs, longest = map(int, re.findall(r"^\[rogue_spin\] vcpu 0 ran in window 22 .* (\d+) runs, "
                                        r"longest (\d+) cycles$", r.serial, re.M)[0])
    t.true(190_000 <= longest <= 200_000, f"the spinner ran {longest} cycles at once; quantum 200 us")
    t.true(runs >= 21 * 9, f"the spinner got the CPU only {runs} times in 21 windows of 4 ms")
    t.note(f"rogue_spin vcpu time split: {consumed} us; spinner: {runs} runs, longest {longest} cycles")
