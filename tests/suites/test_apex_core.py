"""Issue 18: the APEX layer's core (apex/): processes, the scheduler, time, the partition's
services and the lock, in tests/configs/apex_core.c and apex_smp.c. Each APEX test partition
prints `check <name>: ok` or `check <name>: FAILED got X want Y`."""
import re
from harness import test, boot, expect_status, check_windows_on_time

SCHED_CHECKS = [
    "set_priority_preempts", "fifo_equal_priorities", "timed_wait_0_yields", "resume_rc",
    "suspend_self_timeout_rc", "suspend_self_timeout_not_early", "suspend_self_timeout_on_time",
    "resume_wakes_suspended", "resume_runs", "delayed_start_rc", "delayed_start_not_early",
    "delayed_start_on_time", "lock_level_1", "lock_level_2", "timed_wait_locked",
    "unlock_level_0", "lock_holds_preemption", "lock_max_level", "lock_beyond_max",
    "unlock_at_0", "periodic_no_drift", "periodic_lateness_bounded",
]


def core_boot():
    return boot(config="apex_core", timeout=60)


def checks(t, serial, partition, names):
    """Every check of `names` printed once by `partition`, each ok, and no FAILED line."""
    found = re.findall(rf"^\[{partition}\] check (\S+): (ok|FAILED.*)$", serial, re.M)
    t.equal([f"{n}: {r}" for n, r in found if r != "ok"], [], f"{partition}'s failed checks")
    t.equal(sorted(n for n, _ in found), sorted(names), f"{partition}'s checks")


@test("apex: the scheduler on one vcpu: SET_PRIORITY preempts at once, FIFO among equals, "
      "TIMED_WAIT(0) yields, SUSPEND_SELF's timeout, DELAYED_START's timing, lock levels, "
      "1,000 periodic releases without drift; the bystander's windows on time")
def _(t):
    r = core_boot()
    expect_status(t, r, "shutdown")
    checks(t, r.serial, "apex_sched", SCHED_CHECKS)
    t.contains(r.serial, "[apex_sched] apex_sched: done, 0 failed")
    m = t.search(r.serial, r"^\[apex_sched\] periodic: 1000 releases, worst lateness (\d+) ns$")
    judged, worst = check_windows_on_time(t, r.serial, ["bystander_a"])
    t.true(len(judged) >= 1000, f"only {len(judged)} bystander windows judged")
    t.note(f"periodic worst lateness {m.group(1)} ns; bystander windows worst {worst} ns late")


@test("apex: two vcpus under a hostile 10 us quantum: a process on each runs in parallel, two "
      "hammer one lock-guarded counter (no increment lost, never two inside), 4,000 wakes "
      "across vcpus by doorbell; the bystander's windows on time")
def _(t):
    r = boot(config="apex_smp", timeout=60)
    expect_status(t, r, "shutdown")
    checks(t, r.serial, "apex_smp", [
        "parallel_vcpu0_progresses", "parallel_vcpu1_progresses", "spinner_core_ids",
        "lock_counter", "lock_overlaps", "lock_contended", "pingpong_rounds"])
    t.contains(r.serial, "[apex_smp] apex_smp: done, 0 failed")
    m = t.search(r.serial, r"^\[apex_smp\] lock: 20000 increments on each of 2 vcpus in (\d+) us, "
                           r"the lock found taken (\d+) times$")
    judged, worst = check_windows_on_time(t, r.serial, ["bystander_a"])
    t.true(len(judged) >= 300, f"only {len(judged)} bystander windows judged")
    t.note(f"lock taken {m.group(2)} times in {m.group(1)} us; bystander windows worst {worst} ns late")
