"""Issue 3: bad hypercall arguments return error codes; the kernel and the others go on."""
import re
from harness import test, boot, expect_status, check_windows_on_time


@test("hypercalls: kernel/foreign pointers, wrapping lengths, bad numbers all return errors")
def _(t):
    r = boot(config="bad_args", timeout=60)
    expect_status(t, r, "shutdown")
    failed = re.findall(r"check ([^:]*): got (-?\d+) want (-?\d+) FAIL$", r.serial, re.M)
    t.equal(failed, [], "failed checks")
    t.equal(len(re.findall(r"^\[bad_args\] check [^:]*: got -?\d+ want -?\d+ ok$", r.serial, re.M)),
            52, "checks passed, each on a line of its own")
    m = t.search(r.serial, r"^\[bad_args\] bad_args: (\d+) checks, (\d+) failed$")
    t.equal((int(m.group(1)), int(m.group(2))), (52, 0), "checks run and failed")
    t.lacks(r.serial, "PANIC")
    t.lacks(r.serial, "bulkhead: hm:")
    judged, _ = check_windows_on_time(t, r.serial, ("sensor",))
    t.true(len(judged) >= 20, f"only {len(judged)} sensor windows judged")
