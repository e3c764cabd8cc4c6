"""Issue 16 point 6: the upcall ABI v2 (include/public/vint.h) in tests/configs/abi2.c."""
import re
from harness import test, boot, expect_status, check_windows_on_time

BYSTANDERS = ("bystander_a", "bystander_b")


def abi2_boot():
    return boot(config="abi2", timeout=60)


def checks_of(t, serial, partition, count):
    checks = re.findall(rf"^\[{partition}\] check (.*): got (-?\d+) want (-?\d+) (ok|FAIL)$",
                        serial, re.M)
    t.equal(len(checks), count, f"{partition}'s checks")
    t.equal([c for c in checks if c[3] != "ok"], [], f"{partition}'s failed checks")


@test("abi2: a timer upcall switches three threads of one vcpu (bh_upcall_resume), 300 times; "
      "no register or flag of any thread corrupted, the other windows on time")
def _(t):
    r = abi2_boot()
    expect_status(t, r, "shutdown")
    m = t.search(r.serial, r"^\[threads\] threads: (\d+) switches, runs (\d+) (\d+) (\d+), "
                           r"progress in (\d+) of (\d+) runs, iterations (\d+) (\d+) (\d+), "
                           r"failed (\d+)$")
    switches, *runs = (int(x) for x in m.groups()[:4])
    progressed, total = int(m.group(5)), int(m.group(6))
    iterations = [int(x) for x in m.groups()[6:9]]
    t.equal(switches, 300, "switches")
    t.equal(runs, [100, 100, 100], "runs of each thread")
    t.equal(int(m.group(10)), 0, "the thread whose check failed (1 + its index)")
    # a run can be empty: a timer that expired outside the window interrupts at once
    t.true(progressed >= total * 9 // 10, f"threads made progress in only {progressed} of "
                                          f"{total} runs")
    t.true(min(iterations) >= 10_000, f"iterations per thread {iterations}")
    judged, worst = check_windows_on_time(t, r.serial, BYSTANDERS)
    t.true(len(judged) >= 100, f"only {len(judged)} bystander windows judged")
    t.note(f"iterations {iterations}; bystander windows worst {worst} ns late")


@test("abi2: vint_return refuses a frame, eip or esp outside memory (EFAULT), kernel selectors and "
      "IF/TF/IOPL/NT/RF/VM/VIF/VIP (EINVAL) inside the running upcall, changing nothing; "
      "AC, DF, ID and the arithmetic flags are installed")
def _(t):
    r = abi2_boot()
    expect_status(t, r, "shutdown")
    refusals = re.findall(r"^\[upcall_refuse\] refuse (.*): got (-?\d+) want (-?\d+) (ok|FAIL)$",
                          r.serial, re.M)
    t.equal(len(refusals), 18, "refusals")
    t.equal([x for x in refusals if x[3] != "ok"], [], "refusals not as the ABI says")
    t.contains(r.serial, "[upcall_refuse] after the refusals: vint_enable(1) -16 in the upcall, "
                         "frame unchanged, resumed")
    accepted = re.findall(r"^\[upcall_refuse\] accept (.*): error (-?\d+), landed with eflags "
                          r"([0-9a-f]+) (ok|FAIL)$", r.serial, re.M)
    t.equal([a[0] for a in accepted if a[3] == "ok"], ["AC", "DF", "ID", "arithmetic flags"],
            "contexts accepted with their flags")
    t.contains(r.serial, "[upcall_refuse] vint_return: 22 of 22 refusals and acceptances as the "
                         "ABI says")


@test("abi2: the shared vcpu page: pending, mask and enabled work without a hypercall, "
      "bh_vint_sync delivers once, no nesting in an upcall, set_info's errors, "
      "unregistered by a restart")
def _(t):
    r = abi2_boot()
    expect_status(t, r, "shutdown")
    checks_of(t, r.serial, "vpage", 25)
    t.contains(r.serial, "[vpage] warm restart")
    t.contains(r.serial, "[vpage] vpage: checks done, 0 failed")


@test("abi2: the time in the shared page (bh_info_time_ns) never goes back and stays within 1 us "
      "of get_time (within its 10 ns tick under -icount)")
def _(t):
    r = abi2_boot()
    expect_status(t, r, "shutdown")
    m = t.search(r.serial, r"^\[vpage\] time: (\d+) reads, (\d+) backwards, worst (\d+) ns outside "
                           r"\[get_time before, after\], at most (\d+) ns after the one before")
    t.equal(int(m.group(2)), 0, "reads that went backwards")
    t.true(int(m.group(3)) <= 1000, f"a read {m.group(3)} ns outside its get_time bracket")
    # under -icount the TSC and the clock count the same ns: the scale is exact, and a read
    # strays by less than the clock's 10 ns tick (a scale 1/1024 off strays by 37 ns)
    t.true(int(m.group(3)) < 10, f"a read {m.group(3)} ns outside its get_time bracket: "
                                 "the page's scale is off")
    t.note(f"{m.group(1)} reads: worst {m.group(3)} ns outside [get_time before, after], "
           f"at most {m.group(4)} ns after get_time before it")


@test("abi2: a hostile page (at the very end of memory, garbage rewritten at every loop) harms "
      "neither the kernel nor the other partitions")
def _(t):
    r = abi2_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[vpage_hostile] page at 4003ffd8, the last byte of memory at 4003ffff: "
                         "set_info 0")
    m = t.search(r.serial, r"^\[vpage_hostile\] alive after 10000 loops, \d+ upcalls, (\d+) of (\d+) "
                           r"pages across the end refused$")
    t.equal(m.group(1), m.group(2), "pages across the end of memory refused")
    m = t.search(r.serial, r"^bulkhead: partition 3 'vpage_hostile': mode \w+, windows (\d+), "
                           r"faults (\d+)")
    t.equal(int(m.group(2)), 0, "the hostile partition's faults")
    t.contains(r.serial, "bulkhead: health-monitor events: 0")
    judged, worst = check_windows_on_time(t, r.serial, BYSTANDERS)
    t.true(len(judged) >= 100, f"only {len(judged)} bystander windows judged")
    t.note(f"bystander windows worst {worst} ns late")


@test("abi2: a kernel of another ABI (test_abi_version=1): every partition's runtime says so and "
      "stops, the schedule runs on to its shutdown")
def _(t):
    r = boot(config="abi2", cmdline="test_abi_version=1 frames=5", timeout=30)
    expect_status(t, r, "shutdown")
    names = ["threads", "bystander_a", "vpage", "vpage_hostile", "bystander_b", "upcall_refuse"]
    for name in names:
        t.contains(r.serial, f"[{name}] runtime built for Bulkhead ABI 4, the kernel has ABI 1 "
                             "(mismatch): stopping")
    t.equal([l for l in r.lines if l.startswith("[") and "the kernel has ABI 1" not in l], [],
            "partition lines other than the refusal")
    t.contains(r.serial, "bulkhead: summary after 5 major frames")
    halted = re.findall(r"^bulkhead:   vcpu \d\.0 \(pool id \d\): HALTED", r.serial, re.M)
    t.equal(len(halted), len(names), "halted vcpus")
