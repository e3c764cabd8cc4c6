"""Issue 3: each vcpu's x87/SSE registers are its own across vcpu and partition switches."""
import re
from harness import test, boot, expect_status


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
