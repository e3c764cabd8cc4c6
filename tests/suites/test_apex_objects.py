"""Issue 18: the APEX layer's intra-partition objects (apex/buffer.c, blackboard.c, semaphore.c,
event.c, mutex.c) in a real APEX partition (tests/partitions/apex_obj, tests/configs/apex_obj.c):
every return code of every service (apex_obj_full: each table's limit), then blocked sends and receives with their time-outs, a
display waking every reader, semaphore wake order FIFO and PRIORITY, an event waking every
waiter, a mutex's priority and its release when its owner is stopped. The partition prints
`check <name>: ok` or `check <name>: FAILED got X want Y`; tests/unit/test_apex_objects.c has
the same services on a host stand-in of the core."""
import re
from harness import test, boot, expect_status, check_windows_on_time

CREATE = [
    "create_buffer_size_0", "create_buffer_size_big", "create_buffer_count_0",
    "create_buffer_count_big", "create_buffer_discipline", "create_buffer_memory",
    "create_buffer", "create_buffer_exists", "get_buffer_id", "get_buffer_id_unknown",
    "create_blackboard_size_0", "create_blackboard_size_big", "create_blackboard",
    "create_blackboard_exists", "get_blackboard_id", "get_blackboard_id_unknown",
    "create_semaphore_value_negative", "create_semaphore_value_above_max",
    "create_semaphore_max_0", "create_semaphore_max_big", "create_semaphore_discipline",
    "create_semaphore", "create_semaphore_exists", "get_semaphore_id",
    "get_semaphore_id_unknown", "create_event", "create_event_exists", "get_event_id",
    "get_event_id_unknown", "create_mutex_priority_low", "create_mutex_priority_high",
    "create_mutex_discipline", "create_mutex", "create_mutex_exists", "get_mutex_id",
    "get_mutex_id_unknown",
    "send_buffer_init_may_not_wait", "receive_buffer_init_may_not_wait",
    "read_blackboard_init_may_not_wait", "wait_semaphore_init_may_not_wait",
    "wait_event_init_may_not_wait", "acquire_mutex_init",
    "create_buffer_normal", "create_blackboard_normal", "create_semaphore_normal",
    "create_event_normal", "create_mutex_normal",
]
BUFFER = [
    "send_buffer_bad_id", "send_buffer_too_long", "send_buffer_length_0",
    "send_buffer_bad_timeout", "send_buffer", "send_buffer_second", "send_buffer_full_now",
    "send_buffer_timed_out", "send_buffer_timeout_not_early", "buffer_status",
    "buffer_status_messages", "buffer_status_max_messages", "buffer_status_max_size",
    "buffer_status_waiting", "buffer_status_bad_id", "receive_buffer",
    "receive_buffer_first_in", "receive_buffer_second_in", "receive_buffer_empty_now",
    "receive_buffer_empty_length", "receive_buffer_timed_out",
    "receive_buffer_timeout_not_early", "receive_buffer_bad_id", "receive_buffer_bad_timeout",
    "receive_buffer_preemption_locked",
]
BLACKBOARD = [
    "read_blackboard_empty_now", "read_blackboard_timed_out",
    "read_blackboard_timeout_not_early", "read_blackboard_bad_id",
    "read_blackboard_bad_timeout", "display_blackboard_bad_id", "display_blackboard_too_long",
    "display_blackboard_length_0", "display_blackboard", "read_blackboard",
    "read_blackboard_message", "read_blackboard_again", "blackboard_status",
    "blackboard_status_occupied", "blackboard_status_max_size", "blackboard_status_waiting",
    "blackboard_status_bad_id", "clear_blackboard", "blackboard_status_cleared",
    "read_blackboard_cleared", "clear_blackboard_bad_id",
]
SEMAPHORE = [
    "wait_semaphore", "wait_semaphore_now", "wait_semaphore_timed_out",
    "wait_semaphore_timeout_not_early", "wait_semaphore_bad_id", "wait_semaphore_bad_timeout",
    "signal_semaphore", "signal_semaphore_at_max", "signal_semaphore_bad_id",
    "semaphore_status", "semaphore_status_value", "semaphore_status_max",
    "semaphore_status_waiting", "semaphore_status_bad_id",
]
EVENT = [
    "wait_event_down_now", "wait_event_timed_out", "wait_event_timeout_not_early",
    "wait_event_bad_id", "wait_event_bad_timeout", "set_event", "wait_event_up",
    "event_status", "event_status_up", "event_status_waiting", "reset_event",
    "event_status_down", "set_event_bad_id", "reset_event_bad_id", "event_status_bad_id",
]
MUTEX = [
    "acquire_mutex", "acquire_mutex_raises_priority", "acquire_mutex_again", "mutex_status",
    "mutex_status_owned", "mutex_status_owner", "mutex_status_priority",
    "mutex_status_lock_count", "mutex_status_waiting", "process_mutex_state",
    "acquire_mutex_second", "receive_buffer_holding_mutex", "release_mutex",
    "release_mutex_keeps_priority", "release_mutex_last", "release_mutex_restores_priority",
    "mutex_status_available", "mutex_status_no_owner", "release_mutex_not_owner",
    "process_mutex_state_none", "acquire_mutex_above_its_priority", "acquire_mutex_bad_id",
    "acquire_mutex_bad_timeout", "release_mutex_bad_id", "reset_mutex_not_owner",
    "reset_mutex_bad_process", "reset_mutex_bad_id", "mutex_status_bad_id",
    "process_mutex_state_bad_id", "process_mutex_state_preemption_lock",
    "acquire_mutex_preemption_locked",
]
SCENARIOS = [
    "blocked_receive_timed_out", "blocked_receive_timeout_not_early",
    "blocked_receive_timeout_on_time", "blocked_receive_runs_at_send", "blocked_receive_rc",
    "blocked_receive_message",
    "blocked_send_timed_out", "blocked_send_timeout_not_early", "blocked_send_timeout_on_time",
    "blocked_send_oldest_first", "blocked_send_runs_at_receive", "blocked_send_rc",
    "blocked_send_message_went_in",
    "blackboard_readers_waiting", "display_wakes_every_reader", "reader_rc_1",
    "reader_message_1", "reader_rc_2", "reader_message_2", "reader_rc_3", "reader_message_3",
    "blackboard_readers_left",
    "semaphore_fifo_order", "semaphore_waiting", "semaphore_priority_order",
    "semaphore_value_after_wakes",
    "event_waiters", "set_event_wakes_every_waiter", "event_waiters_left",
    "mutex_priority_holds_off_higher", "mutex_owner_at_mutex_priority",
    "mutex_owned_before_stop", "stop_owner", "mutex_released_on_stop",
    "mutex_lock_count_on_stop", "stopped_owner_holds_none", "mutex_stop_order",
    "mutex_owner_acquired", "mutex_after_stop_acquired", "mutex_after_stop_priority",
    "mutex_after_release_priority",
]


FULL = [check for kind in ("buffer", "blackboard", "semaphore", "event", "mutex")
        for check in (f"{kind}_table_size", f"create_{kind}_full",
                      f"create_{kind}_full_name_exists")]


def checks(t, serial, partition, names):
    """Every check of `names` printed once by `partition`, each ok, and no FAILED line."""
    found = re.findall(rf"^\[{partition}\] check (\S+): (ok|FAILED.*)$", serial, re.M)
    t.equal([f"{n}: {r}" for n, r in found if r != "ok"], [], f"{partition}'s failed checks")
    t.equal(sorted(n for n, _ in found), sorted(names), f"{partition}'s checks")


@test("apex: buffers, blackboards, semaphores, events and mutexes: every service's return "
      "codes; blocked send and receive with time-outs, a display waking every reader, "
      "semaphore wake order FIFO and PRIORITY, SET_EVENT waking every waiter, a mutex's "
      "priority and its release on STOP; the bystander's windows on time")
def _(t):
    r = boot(config="apex_obj", timeout=60)
    expect_status(t, r, "shutdown")
    checks(t, r.serial, "apex_obj",
           CREATE + BUFFER + BLACKBOARD + SEMAPHORE + EVENT + MUTEX + SCENARIOS)
    t.contains(r.serial, "[apex_obj] apex_obj: done, 0 failed")
    checks(t, r.serial, "apex_obj_full", FULL)
    t.contains(r.serial, "[apex_obj_full] apex_obj_full: done, 0 failed")
    judged, worst = check_windows_on_time(t, r.serial, ["bystander_a"])
    t.true(len(judged) >= 300, f"only {len(judged)} bystander windows judged")
    t.note(f"bystander windows worst {worst} ns late")


@test("apex: buffers and mutexes across two vcpus preempted inside the layer's lock: 2,000 "
      "messages through a 4-deep buffer, all in order; a mutex released, and its owner "
      "stopped, while a waiter on the other vcpu waits: the waiter owns it; the bystander's "
      "windows on time")
def _(t):
    r = boot(config="apex_obj_smp", timeout=60)
    expect_status(t, r, "shutdown")
    checks(t, r.serial, "apex_obj_smp", [
        "pipe_sends", "pipe_receives", "pipe_in_order", "pipe_last", "smp_owner_acquires",
        "smp_owner_releases", "smp_release_hands_over", "smp_owner_back_to_base",
        "smp_owner_acquires_again", "smp_waiter_acquires", "smp_waiter_at_mutex_priority",
        "smp_waiter_back_to_base", "smp_stop_hands_over", "smp_stop_new_owner",
        "smp_stop_lock_count", "smp_stop_owner",
    ])
    t.contains(r.serial, "[apex_obj_smp] apex_obj_smp: done, 0 failed")
    judged, worst = check_windows_on_time(t, r.serial, ["bystander_a"])
    t.true(len(judged) >= 300, f"only {len(judged)} bystander windows judged")
    t.note(f"bystander windows worst {worst} ns late")
