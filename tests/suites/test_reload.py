"""Issue 15, point 6: a partition loads (and reloads after a cold restart) in windows of any
length the validator accepts, without making the next window late; a CPU too slow for that is
refused at boot with the window and the length it needs."""
import re
from harness import test, boot, expect_status, check_windows_on_time

SHORT = ["short_0", "short_1", "short_2", "short_3", "short_cold"]


@test("reload: with only 10 us windows every partition loads, a cold restart comes back, on time")
def _(t):
    r = boot(config="short_windows", timeout=60)
    expect_status(t, r, "shutdown")
    for name in SHORT:
        starts = re.findall(rf"^\[{name}\] started after (\d+) restarts", r.serial, re.M)
        want = ["0", "1", "2"] if name == "short_cold" else ["0"]
        t.equal(starts, want, f"{name}'s starts (restarts before each)")
    restarts = re.findall(r"^bulkhead: hm: .* partition 'short_cold' vcpu 0: page fault .* -> "
                          r"cold restart$", r.serial, re.M)
    t.equal(len(restarts), 2, "short_cold's cold restarts")
    # every printed window start (a partition prints from the window after the one its load
    # ended in) within 1 us of the plan, as an undisturbed window start is (0.5 us)
    starts, worst = check_windows_on_time(t, r.serial, SHORT, tolerance_ns=1_000)
    judged = {name: sum(1 for _, who, _ in starts if who == name) for name in SHORT}
    t.true(min(judged.values()) >= 40, f"too few window starts printed: {judged}")
    t.note(f"{sum(judged.values())} window starts judged, worst {worst / 1000:.2f} us late")


@test("reload: on a CPU too slow for a page in 10 us, the boot names the window and what it needs")
def _(t):
    # four virtual nanoseconds an instruction: a page step takes about 10 us
    r = boot(config="short_windows", icount=False, timeout=60,
             extra=("-icount", "shift=2,sleep=off"))
    expect_status(t, r, "shutdown")
    m = t.search(r.serial, r"^bulkhead: deployment 'short_windows' refused: windows\[0\]\.duration_ns: "
                 r"10000 ns; a page of a load takes (\d+) ns on this CPU, so partition 'short_0' "
                 r"could never load in it: its windows need at least (\d+) ns here$")
    page, needs = int(m.group(1)), int(m.group(2))
    t.true(needs > 10_000 and needs > page, f"a page takes {page} ns; windows need {needs} ns")
    t.contains(r.serial, "bulkhead: no partition started; shutting down")
    t.lacks(r.serial, "[short_")
