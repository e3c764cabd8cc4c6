"""Issue 21 point 1: shared memory areas (include/public/shm.h) in tests/configs/shm.c."""
import re
import gdb_session
from gdb_session import parse_table
from harness import test, boot, expect_status, check_windows_on_time

BYSTANDERS = ("bystander_a", "bystander_b")
HM = (r"bulkhead: hm: t=[\d.]+ ms partition '{name}' vcpu 0: page fault \(#PF\) at eip "
      r"0x{eip}, address 0x{address}, error 0x{error}: {cause} -> stop partition")
RING_BYTES = 8192 - 8


def shm_boot(t):
    r = boot(config="shm", timeout=60)
    expect_status(t, r, "shutdown")
    return r


@test("shm: shm_open gives each user its own address and access; a writer and a reader see the "
      "same bytes, both ways")
def _(t):
    r = shm_boot(t)
    opened = re.findall(r"^\[(shm_\w+)\] open (\w+): (-?\d+) address (0x[0-9a-f]+) size (\d+) "
                        r"access (\d+)$", r.serial, re.M)
    # the writer opens twice: before and after its cold restart
    t.equal(sorted(set(opened)), sorted({
        ("shm_writer", "ring", "0", "0x40400000", "8192", "3"),
        ("shm_writer", "board", "0", "0x40500000", "4096", "3"),
        ("shm_reader", "ring", "0", "0x40600000", "8192", "1"),
        ("shm_reader", "board", "0", "0x40400000", "4096", "3"),
    }), "shm_open's answers")
    t.contains(r.serial, f"[shm_reader] generation 2: {RING_BYTES} of {RING_BYTES} bytes as "
                         "written\n")
    # what the reader wrote on the board, at its own address, the writer reads at another
    t.contains(r.serial, f"[shm_writer] the reader saw generation 2 with {RING_BYTES} bytes as "
                         "written\n")


@test("shm: a read-only user writing its area is a page fault the health monitor handles; "
      "the other windows stay on time")
def _(t):
    r = shm_boot(t)
    t.contains(r.serial, "[shm_reader] writing the read-only ring\n")
    t.search(r.serial, HM.format(name="shm_reader", eip="4[0-9a-f]{7}", address="40600008",
                                 error="7", cause="write to a read-only page"))
    t.lacks(r.serial, "isolation broken")
    t.search(r.serial, r"partition 2 'shm_reader': mode IDLE, windows \d+, faults 1, restarts 0")
    judged, worst = check_windows_on_time(t, r.serial, BYSTANDERS)
    t.true(len(judged) >= 100, f"only {len(judged)} bystander windows judged")
    t.note(f"bystander windows worst {worst} ns late")


@test("shm: a partition listed for no area finds the window where the others map it unmapped "
      "(a page fault), and shm_open refuses it every name")
def _(t):
    r = shm_boot(t)
    checks = re.findall(r"^\[shm_stranger\] check (.*): got (-?\d+) want (-?\d+) (ok|FAIL)$",
                        r.serial, re.M)
    t.equal([c[0] for c in checks], ["another's area", "unknown name", "empty name",
                                     "name without NUL", "name outside memory",
                                     "name in the window", "info untouched"], "checks")
    t.equal([c for c in checks if c[3] != "ok"], [], "failed checks")
    t.search(r.serial, HM.format(name="shm_stranger", eip="4[0-9a-f]{7}", address="40400000",
                                 error="4", cause="not mapped"))
    t.lacks(r.serial, "isolation broken")


@test("shm: a cold restart reloads the private memory and keeps the shared area's bytes")
def _(t):
    r = shm_boot(t)
    starts = re.findall(r"^\[shm_writer\] start (\d+) of the private memory; the ring holds "
                        r"generation (\d+)(?:, (\d+) of (\d+) bytes as written)?$", r.serial, re.M)
    t.equal(starts, [("1", "0", "", ""), ("1", "1", str(RING_BYTES), str(RING_BYTES))],
            "the writer's starts")
    t.search(r.serial, r"partition 0 'shm_writer': mode IDLE, windows \d+, faults 1, restarts 0, "
                       r"requested restarts 1")


@test("shm: a hypercall never writes a shared area (BH_EFAULT), and nothing in one executes")
def _(t):
    r = shm_boot(t)
    t.contains(r.serial, "[shm_writer] check out in the ring: got -14 want -14\n")
    t.contains(r.serial, "[shm_writer] check ring after it: magic 0x52494e47 generation 2\n")
    # present, user, instruction fetch: the page is there and no-execute
    t.search(r.serial, HM.format(name="shm_writer", eip="40400008", address="40400008",
                                 error="15", cause="execute of a no-execute page"))
    t.lacks(r.serial, "no-execute broken")


@test("shm: an area beyond the machine's RAM passes the build, is refused at boot, nothing starts")
def _(t):
    r = boot(config="shm_beyond_boot_ram", timeout=30)
    expect_status(t, r, "shutdown")
    m = t.search(r.serial, r"^bulkhead: deployment 'shm_beyond_boot_ram' refused: "
                           r"shared_areas\[0\]\.base: \[0xc800000, 0xc802000\) exceeds the RAM "
                           r"partitions may use \(up to 0x([0-9a-f]+)\)$")
    t.true(int(m.group(1), 16) <= 128 << 20, f"RAM limit 0x{m.group(1)} is above QEMU's 128 MiB")
    t.search(r.serial, r"^bulkhead: no partition started; shutting down$")
    t.true(not re.search(r"^\[\w+\] ", r.serial, re.M),
           f"a partition printed although none should start:\n{r.tail()}")


@test("shm: bh-partitions lists each partition's shared areas, as its page tables map them",
      group="gdb")
def _(t):
    s = gdb_session.run(["break hc_shm_open", "continue", "bh-partitions"], config="shm")
    for bad in ("Traceback", "Python Exception", "could not read"):
        t.lacks(s.output, bad, "gdb output")
    text = s.of("bh-partitions")
    t.contains(text, "shared areas:\n")
    rows = parse_table(text.split("shared areas:\n", 1)[-1])
    t.equal([(r["id"], r["partition"], r["area"], r["virtual"], r["physical"], r["access"],
              r["mapped"]) for r in rows], [
        ("0", "shm_writer", "ring", "0x40400000..0x40402000", "0x01800000..0x01802000",
         "read-write", "read-write"),
        ("0", "shm_writer", "board", "0x40500000..0x40501000", "0x01810000..0x01811000",
         "read-write", "read-write"),
        ("2", "shm_reader", "ring", "0x40600000..0x40602000", "0x01800000..0x01802000",
         "read-only", "read-only"),
        ("2", "shm_reader", "board", "0x40400000..0x40401000", "0x01810000..0x01811000",
         "read-write", "read-write"),
    ], "shared areas")
