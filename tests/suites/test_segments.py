"""Issue 15: ring 3 reaches no descriptor of the kernel's: a null LDT, and UMIP where the CPU
has it. The demo's partitions beside the probes keep their windows."""
import re
from harness import test, boot, expect_status, check_windows_on_time

GP = (r"bulkhead: hm: t=[\d.]+ ms partition '{name}' vcpu 0: general protection \(#GP\) at eip "
      r"0x4[0-9a-f]{{7}}, address 0x00000000, error 0x([0-9a-f]+) -> warm restart")
LDT_SELECTORS = [0x0007, 0x000f, 0x0017, 0x003f, 0x0207, 0x7ff7, 0xffff]
LDT_KINDS = ["ds", "es", "fs", "gs", "ljmp", "lcall"]
UMIP_STEPS = ["sgdt", "sidt", "sldt", "str", "smsw"]


def check_ldt(t, r):
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[rogue_ldt] TI=1 selectors accepted of 8192: lar 0, lsl 0, verr 0, verw 0")
    codes = [int(c, 16) for c in re.findall(GP.format(name="rogue_ldt"), r.serial)]
    # #GP(selector): the error code is the selector with its RPL bits cleared
    want = [sel & ~3 for _ in LDT_KINDS for sel in LDT_SELECTORS]
    t.equal(codes, want, "#GP error codes of the TI=1 segment loads and far transfers")
    t.contains(r.serial, f"[rogue_ldt] all {len(want)} TI=1 segment loads and far transfers "
                         "were stopped")
    t.lacks(r.serial, "isolation broken")
    t.lacks(r.serial, "PANIC")
    judged, worst = check_windows_on_time(t, r.serial, ("sensor", "control", "logger"))
    t.true(len(judged) >= 3 * 20, f"only {len(judged)} demo window starts judged")
    return len(judged), worst


@test("segments: every TI=1 selector is refused by lar/lsl/verr/verw and is a #GP(selector) (-kernel)")
def _(t):
    judged, worst = check_ldt(t, boot(config="segments", timeout=90))
    t.note(f"{judged} demo windows judged beside the probes, worst {worst} ns late")


@test("segments: every TI=1 selector is refused and is a #GP(selector) when GRUB booted the machine")
def _(t):
    check_ldt(t, boot(config="segments", mode="iso", timeout=90))


@test("segments: with UMIP, sgdt, sidt, sldt, str and smsw are each a #GP in ring 3")
def _(t):
    r = boot(config="segments", timeout=90)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: cpu: UMIP on")
    t.equal(re.findall(GP.format(name="rogue_umip"), r.serial), ["0"] * len(UMIP_STEPS),
            "#GP error codes of the UMIP steps")
    t.lacks(r.serial, "ran in ring 3")
    t.contains(r.serial, f"[rogue_umip] all {len(UMIP_STEPS)} steps done")


@test("segments: on a CPU without UMIP the kernel boots, says so, and the LDT it shows is null")
def _(t):
    r = boot(config="segments", timeout=90, extra=("-cpu", "qemu32"))
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: cpu: UMIP absent")
    ran = re.findall(r"^\[rogue_umip\] step \d+: (\w+) ran in ring 3: 0x([0-9a-f]{8})", r.serial, re.M)
    t.equal([name for name, _ in ran], UMIP_STEPS, "steps that ran without UMIP")
    t.equal(dict(ran)["sldt"], "00000000", "LDTR as sldt reads it")
    t.equal(re.findall(GP.format(name="rogue_umip"), r.serial), [], "#GP reports of rogue_umip")
    check_ldt(t, r)
