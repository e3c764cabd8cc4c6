"""Issue 18: APEX health monitoring (apex/error.c) in tests/configs/apex_errors.c. apex_errors
prints `check <name>: ok` or `check <name>: FAILED got X want Y`; apex_nohandler has no error
handler, so the deployment's partition-level actions apply."""
import re
from harness import test, boot, expect_status, check_windows_on_time

FAULTIES = ["divider", "reader", "opcode", "overflow", "late", "application"]
CHECKS = [
    "report_message", "report_message_negative", "report_message_too_long",
    "raise_not_application_error", "raise_too_long", "get_error_status_init",
    "configure_before_create", "create_handler_no_entry", "create_handler_stack_out_of_range",
    "create_handler_stack_beyond_config", "create_handler", "create_handler_again",
    "configure_bad_concurrency", "configure_no_such_core", "configure",
    "create_counter", "create_driver", "get_error_status_not_handler",
    "create_error_handler_normal", "configure_error_handler_normal", "raise_application_error",
    "divide_address", "read_address", "opcode_address", "read_message", "application_message",
    "handler_empty", "handler_stop", "divider_again",
] + [f"create_{f}" for f in FAULTIES] + [
    f"{f}_{what}" for f in FAULTIES
    for what in ("started", "handled", "error_code", "failed_process", "others_go_on")
] + [f"{f}_stopped" for f in FAULTIES if f != "application"]


def errors_boot():
    return boot(config="apex_errors", timeout=90)


@test("apex: health monitoring: every return code of REPORT_APPLICATION_MESSAGE, "
      "CREATE_ERROR_HANDLER, GET_ERROR_STATUS, RAISE_APPLICATION_ERROR and "
      "CONFIGURE_ERROR_HANDLER; the error handler takes a divide error, a page fault, an "
      "invalid opcode, a stack overflow, a HARD deadline missed and an application error, each "
      "with its process and address, while the partition's other processes go on")
def _(t):
    r = errors_boot()
    expect_status(t, r, "shutdown")
    found = re.findall(r"^\[apex_errors\] check (\S+): (ok|FAILED.*)$", r.serial, re.M)
    t.equal([f"{n}: {v}" for n, v in found if v != "ok"], [], "failed checks")
    t.equal(sorted(n for n, _ in found), sorted(CHECKS), "the checks")
    t.contains(r.serial, "[apex_errors] apex_errors: done, 0 failed")
    # each fault reached the kernel's monitor once, handed to the partition, never acted on
    for fault in ("divide error (#DE)", "page fault (#PF)", "invalid opcode (#UD)",
                  "stack overflow (#PF)"):
        t.search(r.serial, rf"partition 'apex_errors' vcpu 0: {re.escape(fault)} .* -> deliver$")
    t.lacks(r.serial, "partition 'apex_errors' vcpu 0: divide error (#DE) at eip "
                   "0x40000049, address 0x00000000, error 0x0 -> stop")
    t.search(r.serial, r"partition 0 'apex_errors': mode NORMAL, windows 300, faults 5, "
             r"restarts 0")
    t.search(r.serial, r"^\[apex_errors\] error handler: DEADLINE_MISSED of process \d+ ")
    judged, worst = check_windows_on_time(t, r.serial, ["bystander_a", "bystander_b"], first=3)
    t.true(len(judged) >= 500, f"only {len(judged)} bystander windows judged")


@test("apex: without an error handler a process's fault goes back to the kernel's health "
      "monitor (hm_fault_escalate: its action, a cold restart here, with the fault logged), "
      "and an application error to its application-error action (log only here)")
def _(t):
    r = errors_boot()
    expect_status(t, r, "shutdown")
    lines = [l for l in r.serial.splitlines() if "apex_nohandler" in l]
    text = "\n".join(lines)
    t.contains(text, "[apex_nohandler] start condition 0")
    delivered = t.search(text, r"partition 'apex_nohandler' vcpu 0: divide error \(#DE\) at eip "
                         r"(0x[0-9a-f]+), .* -> deliver$")
    t.contains(text, "[apex_nohandler] APEX: divide error at eip "
               f"{delivered.group(1)}: no error handler takes it, partition-level action")
    t.search(text, rf"partition 'apex_nohandler' vcpu 0: divide error \(#DE\) at eip "
             rf"{delivered.group(1)}, .* -> cold restart$")
    t.lacks(text, "went on past its division")
    # restarted by the monitor: HM_PARTITION_RESTART (3)
    t.contains(text, "[apex_nohandler] start condition 3")
    t.search(text, r"partition 'apex_nohandler' vcpu 0: application error code 1 at eip "
             r"0x[0-9a-f]+ -> log$")
    t.contains(text, "[apex_nohandler] raiser: RAISE_APPLICATION_ERROR returned 0, going on")
    t.search(text, r"partition 2 'apex_nohandler': mode NORMAL, windows 300, faults 1, "
             r"restarts 1")


@test("apex: CONFIGURE_ERROR_HANDLER on two vcpus: with PROCESSES_PAUSE no process runs on the "
      "other vcpu while the error handler runs (and runs again after it), with "
      "PROCESSES_SCHEDULED it goes on")
def _(t):
    r = errors_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[pause] error handler configured PROCESSES_PAUSE: 0")
    t.contains(r.serial, "[scheduled] error handler configured PROCESSES_SCHEDULED: 0")
    line = r"handler done 1: spinner moved (\d+) while it ran, (\d+) after it$"
    paused = t.search(r.serial, r"^\[pause\] " + line)
    scheduled = t.search(r.serial, r"^\[scheduled\] " + line)
    t.equal(int(paused.group(1)), 0, "the spinner's count while a PROCESSES_PAUSE handler ran")
    t.true(int(paused.group(2)) > 1000, "the spinner did not run again after the handler")
    t.true(int(scheduled.group(1)) > 1000,
           "the spinner stood still while a PROCESSES_SCHEDULED handler ran")


WARM_CHECKS = [f"{r}_{w}" for r in ("first", "warm", "cold") for w in (
    "semaphore", "buffer", "blackboard", "event", "mutex", "queuing_port", "sampling_port",
    "error_handler", "ids_from_1", "process")]


@test("apex: a warm restart keeps the memory but not the APEX layer's tables: objects, ports and "
      "the error handler are created again (NO_ERROR, the same identifiers), as after a cold one")
def _(t):
    r = boot(config="apex_warm", timeout=60)
    expect_status(t, r, "shutdown")
    found = re.findall(r"^\[apex_warm\] check (\S+): (ok|FAILED.*)$", r.serial, re.M)
    t.equal([f"{n}: {v}" for n, v in found if v != "ok"], [], "failed checks")
    t.equal(sorted(n for n, _ in found), sorted(WARM_CHECKS), "the checks")
    for run in ("first", "warm", "cold"):
        t.contains(r.serial, f"[apex_warm] apex_warm: {run} run done, 0 failed")


@test("apex: a wait that timed out while its process was suspended says TIMED_OUT once resumed; "
      "a timeout of INT64_MAX is none; a mutex's waiter cannot be suspended; an error handler that stops with errors queued runs again")
def _(t):
    r = boot(config="apex_edges", timeout=60)
    expect_status(t, r, "shutdown")
    found = re.findall(r"^\[apex_edges\] check (\S+): (ok|FAILED.*)$", r.serial, re.M)
    t.equal([f"{n}: {v}" for n, v in found if v != "ok"], [], "failed checks")
    t.equal(sorted(n for n, _ in found), sorted([
        "suspend_waiter", "still_suspended", "resume_waiter", "waiter_timed_out",
        "huge_timeout_still_waits", "huge_timeout_woken", "acquire_mutex", "mutex_waiter_waits",
        "suspend_mutex_waiter",
        "mutex_waiter_went_on", "handler_took_both"]), "the checks")
    t.search(r.serial, r"^\[apex_edges\] handler: deadline missed by process (\d+)\n"
             r"\[apex_edges\] handler: deadline missed by process (?!\1)\d+$")
