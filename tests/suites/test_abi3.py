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


HM_LINE = re.compile(r"^bulkhead: hm: t=[\d.]+ ms partition 'fault_catcher' vcpu 0: ([a-z ]+) "
                     r"\(#\w+\) at eip (0x[0-9a-f]+), address (0x[0-9a-f]+), .*-> ([a-z ]+)$", re.M)


@test("abi3: a delivered divide error, page fault, invalid opcode and stack overflow reach the "
      "partition's upcall on the faulting context (eip at the faulting instruction) with "
      "hm_fault_read's record right, logged '-> deliver', and the vcpu goes on; the other "
      "partitions' windows stay on time")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[fault_catcher] phase 1: checks done, 0 failed")
    delivered = re.findall(r"^\[fault_catcher\] ([a-z ]+) delivered at eip (0x[0-9a-f]+), "
                           r"address (0x[0-9a-f]+)$", r.serial, re.M)
    t.equal([d[0] for d in delivered], ["divide error", "page fault", "invalid opcode",
                                        "stack overflow"], "faults the upcall saw")
    logged = HM_LINE.findall(r.serial)
    t.equal([(e, "0x%x" % int(eip, 16), "0x%x" % int(a, 16)) for e, eip, a, _ in logged[:4]],
            delivered, "the log's events, eip and address against the upcall's record")
    t.equal({x[3] for x in logged[:4]}, {"deliver"}, "actions of the delivered faults")
    judged, worst = check_windows_on_time(t, r.serial, BYSTANDERS)
    t.true(len(judged) >= 150, f"only {len(judged)} bystander windows judged")
    t.note(f"bystander windows worst {worst} ns late")


@test("abi3: a fault the upcall escalates (hm_fault_escalate) takes the deployment's action, "
      "logged again; a restart forgets the record; with delivery disabled, disabled in the shared "
      "page, the fault line masked, or inside the upcall, the deployment's action applies")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    logged = HM_LINE.findall(r.serial)
    t.equal([(e, a) for e, _, _, a in logged[4:]],
            [("divide error", "deliver"), ("divide error", "warm restart"),
             ("invalid opcode", "warm restart"), ("invalid opcode", "warm restart"),
             ("invalid opcode", "warm restart"), ("page fault", "warm restart")],
            "events and actions after the four delivered")
    t.equal(logged[4][1:3], logged[5][1:3], "the escalated fault's eip and address, logged again")
    t.contains(r.serial, f"[fault_catcher] escalating the fault at eip 0x{int(logged[4][1], 16):x}")
    # phase 2 after the restart it asked for with a record held, the others after the monitor's
    t.contains(r.serial, "[fault_catcher] phase 2: start condition 1")
    for n in range(3, 8):
        t.contains(r.serial, f"[fault_catcher] phase {n}: start condition 3")
    t.contains(r.serial, "[fault_catcher] check phase 2: hm_fault_read after the restart: got -2 "
                         "want -2 ok")
    t.contains(r.serial, "[fault_catcher] done: 0 failed")
    t.lacks(r.serial, "[fault_catcher] FAIL")
    # a fault counts once, handed or escalated
    t.search(r.serial, r"^bulkhead: partition \d 'fault_catcher': mode \w+, windows \d+, faults 9, "
                       r"restarts 5, requested restarts 1$")
