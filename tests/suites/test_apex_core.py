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

SERVICES_CHECKS = [
    "partition_status_rc", "partition_status_mode", "partition_status_start",
    "partition_status_id", "partition_status_period", "partition_status_duration",
    "partition_status_cores", "partition_status_lock_level_0", "create", "create_id",
    "create_same_name", "create_stack_0", "create_priority_low", "create_priority_high",
    "create_period_0", "create_capacity_0", "create_capacity_over_period", "create_deadline_kind",
    "create_no_entry", "create_stack_beyond_config", "get_my_id_init", "get_my_index_init",
    "timed_wait_init", "suspend_self_init", "periodic_wait_init", "replenish_init",
    "lock_preemption_init", "unlock_preemption_init", "set_mode_warm_from_cold",
    "set_mode_invalid", "affinity_no_process", "affinity_no_such_core", "affinity_negative_core",
    "affinity_no_preference", "affinity",
    "get_process_id_unknown", "get_process_id", "get_process_status_no_process",
    "get_process_status_dormant", "get_process_status_priority", "get_process_status_deadline",
    "set_priority_no_process", "set_priority_dormant", "suspend_dormant", "resume_dormant",
    "stop_no_process", "stop_dormant_init", "start_no_process", "delayed_start_no_process",
    "delayed_start_infinite", "delayed_start_negative", "delayed_start_beyond_period", "start",
    "start_again", "delayed_start_not_dormant", "status_started_in_init", "create_in_normal",
    "affinity_in_normal", "set_mode_normal_again", "partition_status_normal", "get_my_id",
    "get_my_index", "status_running", "status_waiting", "status_ready", "suspend_self_id",
    "resume_self_id", "stop_self_id", "suspend_waiting", "suspend_again", "suspend_self_periodic",
    "replenish_beyond_next_release", "replenish_periodic", "replenish_deadline_moved",
    "suspended_stays_waiting", "resume", "resume_not_suspended", "resume_periodic",
    "suspend_periodic", "suspend_self_negative", "suspend_self_0", "timed_wait_negative",
    "timed_wait_infinite", "timed_wait", "timed_wait_not_early", "periodic_wait_aperiodic",
    "replenish_negative", "replenish", "replenish_deadline", "replenish_infinite", "periodic_wait",
    "get_time_on_the_clock", "set_priority_out_of_range", "set_priority", "set_priority_current",
    "set_priority_base_kept", "stop", "stop_dormant", "stop_dormant_again", "start_runs",
    "start_returned_dormant", "delayed_start_0", "delayed_start_0_runs",
    "partition_status_lock_level", "warm_start_condition", "warm_recreate", "warm_first_id",
    "cold_start_condition", "cold_recreate", "cold_first_id", "create_beyond_limit",
]



def core_boot():
    return boot(config="apex_core", timeout=60)


# apex_core's bystanders have 20 us windows: their image loads in the first few, so that the
# window their vcpu first runs in starts late by the load's last page; judged from window 6 on
BYSTANDER_FIRST = 6


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
    judged, worst = check_windows_on_time(t, r.serial, ["bystander_a"],
                                          first=BYSTANDER_FIRST)
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
    t.note(f"lock taken {m.group(2)} times in {m.group(1)} us; "
           f"bystander windows worst {worst} ns late")


@test("apex: every return code of the process, time and partition services, error cases and "
      "normal cases, in COLD_START, NORMAL, after a WARM_START and a COLD_START restart; a "
      "deadline missed is raised once; SET_PARTITION_MODE(IDLE) stops the partition")
def _(t):
    r = core_boot()
    expect_status(t, r, "shutdown")
    checks(t, r.serial, "apex_services", SERVICES_CHECKS)
    for stage in ("initialization", "normal", "warm start", "cold start"):
        t.search(r.serial, rf"^\[apex_services\] apex_services: {stage} done, 0 failed$")
    missed = re.findall(r"^\[apex_services\] raise_error (\d+) process (\d+): (.*)$", r.serial,
                        re.M)
    t.equal(missed, [("0", "6", "deadline missed")], "errors raised (DEADLINE_MISSED of 'late')")
    t.search(r.serial,
             r"^bulkhead: partition 2 'apex_services': mode IDLE, .*requested restarts 2$")
    judged, worst = check_windows_on_time(t, r.serial, ["bystander_b"],
                                          first=BYSTANDER_FIRST)
    t.true(len(judged) >= 1000, f"only {len(judged)} bystander windows judged")
    t.note(f"{len(SERVICES_CHECKS)} checks; bystander windows worst {worst} ns late")
