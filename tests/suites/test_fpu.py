"""Issue 3: each vcpu's x87/SSE registers are its own across vcpu and partition switches."""
import re
from harness import test, boot, expect_status, parse_plan, check_windows_on_time


@test("fpu: x87 and SSE registers of three vcpus in two partitions never mix")
def _(t):
    r = boot(config="fpu", timeout=60)
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "MISMATCH")
    for seed in (17, 34, 51):
        counts = [int(c) for c in re.findall(
            rf"fpu seed {seed}: (\d+) checks intact by window (?:2[0-5])\b", r.serial)]
        t.true(counts and max(counts) > 1000, f"seed {seed}: too few checks ({counts[-1:]})")
    # the pair switched vcpus many times inside its windows (100 us quantum and yields)
    pair = [int(d) for d in re.findall(r"vcpu 0\.[01] \(pool id \d+\): \w+, dispatched (\d+)",
                                      r.serial)]
    t.true(len(pair) == 2 and min(pair) > 100, f"fpu_pair vcpus dispatched {pair} times")


def judge_fpu_channel(t, r, sender, smsw, timing=True):
    """`sender` sends a bit pattern, one bit per window: fpu_sender by using the FPU or not,
    fpu_sleeper by running (and using the FPU) or sleeping through its window. fpu_receiver, in
    the next window, records CR0.TS (smsw), the cost of its first FPU instruction and (if
    `timing`) the TSC distance between its window-start upcalls. Nothing it sees may tell the
    bits apart."""
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[fpu_receiver] smsw " + ("tried" if smsw else "not tried (UMIP)"))
    sent = [(int(ts), int(bit)) for ts, bit in re.findall(
        rf"^\[{sender}\] window \d+ start t=(\d+) ns bit (\d)", r.serial, re.M)]
    seen = [(int(ts), int(tsb), int(cost), int(after)) for ts, tsb, cost, after in re.findall(
        r"^\[fpu_receiver\] window \d+ start t=(\d+) ns ts (\d) fpu cost (\d+) upcall after (\d+)",
        r.serial, re.M)]
    _, major, _ = parse_plan(r.serial)
    pairs = []
    # from the third window on: the first two hold the loads and their distance is not a frame
    for ts, *obs in seen[2:]:
        before = [bit for s, bit in sent if ts - major < s < ts]
        # a sender that sleeps through its window prints nothing in it: that is a 0
        t.true(len(before) == 1 or (sender == "fpu_sleeper" and not before),
               f"no {sender} window just before the receiver's at {ts} ns")
        pairs.append((before[0] if before else 0, tuple(obs if timing else obs[:2])))
    t.true(len(pairs) >= 64, f"only {len(pairs)} windows judged")
    t.true({bit for bit, _ in pairs} == {0, 1}, "the sender never sent both bits")
    if smsw:
        t.equal({obs[0] for _, obs in pairs}, {1}, "CR0.TS at the receiver's window start")
    costs = {obs[1] for _, obs in pairs}
    t.true(len(costs) == 1 and min(costs) > 20,
           f"first FPU instruction costs {sorted(costs)} TSC ticks: the same #NM trap every time")
    # every observation is made after both bits: none tells the receiver which was sent
    for obs in {obs for _, obs in pairs}:
        bits = {bit for bit, o in pairs if o == obs}
        t.true(bits == {0, 1}, f"the receiver's observation {obs} (TS, cost"
               f"{', upcall distance' if timing else ''}) comes only after bit {bits}: "
               "the channel is open")
    judged, worst = check_windows_on_time(t, r.serial, [sender, "fpu_receiver"])
    t.note(f"{len(pairs)} windows, observations {sorted({o for _, o in pairs})}; "
           f"{len(judged)} window starts, worst {worst / 1000:.2f} us late")


@test("fpu: no covert channel through the lazy FPU switch (smsw and timing, CPU without UMIP)")
def _(t):
    judge_fpu_channel(t, boot(config="fpu_channel", timeout=60, extra=("-cpu", "qemu32")),
                      "fpu_sender", smsw=True)


@test("fpu: no covert channel through the lazy FPU switch (timing, the suite's CPU)")
def _(t):
    judge_fpu_channel(t, boot(config="fpu_channel", timeout=60), "fpu_sender", smsw=False)


@test("fpu: no covert channel through the FPU state an idle window leaves (smsw, no UMIP)")
def _(t):
    # the window start itself is later when the CPU enters another address space (the page
    # directory switch) than when it returns to the one it left: that is no FPU signal and is
    # not judged here
    judge_fpu_channel(t, boot(config="fpu_channel_idle", timeout=60, extra=("-cpu", "qemu32")),
                      "fpu_sleeper", smsw=True, timing=False)


@test("fpu: a cold restart gives vcpu 0 clean FPU registers, though the CPU held its old ones")
def _(t):
    r = boot(config="fpu_restart", timeout=60)
    expect_status(t, r, "shutdown")
    t.equal(re.findall(r"^\[fpu_restart\] start after (\d+) restarts: xmm0 (.+)$", r.serial, re.M),
            [("0", "clean"), ("1", "clean"), ("2", "clean")], "fpu_restart's starts")
