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


@test("abi3: a sender blocked in vint_block on its full queue gets the port line when the receiver "
      "takes a message from it, and when it clears it (queuing_clear: the count, EPERM at a source "
      "or a sampling port, EINVAL for a bad handle); port_status of both kinds, its errors")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    checks_of(t, r.serial, "room_tx", 16)
    checks_of(t, r.serial, "room_rx", 12)

    def at(pattern):
        return int(t.search(r.serial, pattern).group(1))

    full = at(r"^\[room_tx\] full, waiting for room at t=(\d+) ns$")
    received = at(r"^\[room_rx\] receive from the full queue at t=(\d+) ns: 16$")
    line1 = at(r"^\[room_tx\] port line 1 at t=(\d+) ns$")
    cleared = at(r"^\[room_rx\] clear of the full queue at t=(\d+) ns$")
    line2 = at(r"^\[room_tx\] port line 2 at t=(\d+) ns$")
    # each line wakes the sender in its next window: within a major frame (1 ms)
    t.true(full < received < line1 < received + 1_000_000,
           f"full at {full}, received at {received}, port line 1 at {line1} ns")
    t.true(line1 < cleared < line2 < cleared + 1_000_000,
           f"port line 1 at {line1}, cleared at {cleared}, port line 2 at {line2} ns")
    t.contains(r.serial, "[room_tx] room: checks done, 0 failed")
    t.contains(r.serial, "[room_rx] room: checks done, 0 failed")
