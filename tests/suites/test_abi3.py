"""ABI 3 (include/public/hypercall.h, issue 18): the kernel side of the APEX layer, in
tests/configs/abi3.c."""
import re
from harness import test, boot, expect_status, check_windows_on_time

BYSTANDERS = ("bystander_a", "bystander_b")


def abi3_boot():
    return boot(config="abi3", timeout=60)


def checks_of(t, serial, partition, count):
    checks = re.findall(rf"^\[{partition}\] check (.*): got (-?\d+) want (-?\d+) (ok|FAIL)$",
                        serial, re.M)
    t.equal(len(checks), count, f"{partition}'s checks")
    t.equal([c for c in checks if c[3] != "ok"], [], f"{partition}'s failed checks")


@test("abi3: partition_info tells memory, image end, stack, vcpus, schedule figures and APEX "
      "limits as the deployment gives them, EFAULT outside memory; the start condition of the "
      "first start, of restarts the partition asks for and of the health monitor's")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    checks_of(t, r.serial, "info_probe", 12)
    starts = re.findall(r"^\[info_probe\] start: partition_info (-?\d+), start condition (\d+), "
                        r"starts (\d+)$", r.serial, re.M)
    # first start; warm restart asked (memory kept); cold restart asked; cold restart by the HM
    t.equal(starts, [("0", "0", "1"), ("0", "1", "2"), ("0", "1", "1"), ("0", "3", "1")],
            "starts: (result, condition, starts counted in memory)")
    t.search(r.serial, r"^bulkhead: hm: t=[\d.]+ ms partition 'info_probe' vcpu 0: general "
                       r"protection \(#GP\) .* -> cold restart$")
    t.contains(r.serial, "[info_probe] info: started by the health monitor")
