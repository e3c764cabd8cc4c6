"""APEX sampling and queuing ports (apex/sampling.c, apex/queuing.c; issue 18): every return code
of every service, waits that stop no other process, and ports between an APEX partition and a
plain Bulkhead one (tests/configs/apex_ports.c)."""
import re
from harness import test, boot, expect_status

CHECKS = "apex_port_checks"


def ports_boot():
    return boot(config="apex_ports", timeout=60)


def expect_checks(t, serial, names):
    """Each named check printed ok, at least once, and no check of the partition FAILED."""
    results = re.findall(rf"^\[{CHECKS}\] check (\S+): (.*)$", serial, re.M)
    failed = [f"{name}: {result}" for name, result in results if result != "ok"]
    t.equal(failed, [], "failed checks")
    passed = {name for name, result in results if result == "ok"}
    t.equal(sorted(set(names) - passed), [], "checks that never printed ok")


SAMPLING = [
    "create_sampling.unknown_name", "create_sampling.queuing_channel", "create_sampling.size",
    "create_sampling.direction", "create_sampling.direction_value", "create_sampling.refresh",
    "create_sampling.source", "create_sampling.destination", "create_sampling.identifiers",
    "create_sampling.again", "create_sampling.normal_mode",
    "get_sampling_port_id.unknown", "get_sampling_port_id.not_created",
    "get_sampling_port_id.created", "get_sampling_port_id.identifier",
    "get_sampling_port_status.zero_id", "get_sampling_port_status.unknown_id",
    "get_sampling_port_status.ok", "get_sampling_port_status.refresh",
    "get_sampling_port_status.size", "get_sampling_port_status.direction",
    "get_sampling_port_status.nothing_read", "get_sampling_port_status.last_valid",
    "get_sampling_port_status.last_invalid",
    "write_sampling.bad_id", "write_sampling.too_long", "write_sampling.zero_length",
    "write_sampling.negative_length", "write_sampling.destination",
    "write_sampling.outside_memory", "write_sampling.ok",
    "read_sampling.bad_id", "read_sampling.source", "read_sampling.empty",
    "read_sampling.empty_length", "read_sampling.empty_validity", "read_sampling.ok",
    "read_sampling.length", "read_sampling.message", "read_sampling.valid",
    "read_sampling.stale", "read_sampling.stale_invalid",
]

QUEUING = [
    "create_queuing.unknown_name", "create_queuing.sampling_channel", "create_queuing.size",
    "create_queuing.depth", "create_queuing.direction", "create_queuing.discipline",
    "create_queuing.source", "create_queuing.destination", "create_queuing.identifiers",
    "create_queuing.again", "create_queuing.normal_mode",
    "get_queuing_port_id.unknown", "get_queuing_port_id.not_created",
    "get_queuing_port_id.created", "get_queuing_port_id.identifier",
    "get_queuing_port_status.bad_id", "get_queuing_port_status.ok",
    "get_queuing_port_status.messages", "get_queuing_port_status.depth",
    "get_queuing_port_status.size", "get_queuing_port_status.direction",
    "get_queuing_port_status.waiting", "get_queuing_port_status.destination_messages",
    "get_queuing_port_status.full_again",
    "send_queuing.bad_id", "send_queuing.bad_timeout", "send_queuing.too_long",
    "send_queuing.zero_length", "send_queuing.destination", "send_queuing.outside_memory",
    "send_queuing.ok", "send_queuing.ok_more", "send_queuing.full_no_wait",
    "send_queuing.full_in_initialization", "send_queuing.full_preemption_locked",
    "send_queuing.timed_out", "send_queuing.timed_out_after_timeout", "send_queuing.refill",
    "receive_queuing.bad_id", "receive_queuing.bad_timeout", "receive_queuing.source",
    "receive_queuing.outside_memory", "receive_queuing.empty_no_wait",
    "receive_queuing.empty_length", "receive_queuing.empty_in_initialization",
    "receive_queuing.timed_out", "receive_queuing.timed_out_length",
    "receive_queuing.timed_out_after_timeout",
    "clear_queuing.bad_id", "clear_queuing.source", "clear_queuing.ok", "clear_queuing.emptied",
    "clear_queuing.nothing_left",
]


@test("apex ports: every sampling port service gives the standard's code for each error case "
      "and works in the normal case (a CREATE that disagrees with the deployment: INVALID_CONFIG)")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    expect_checks(t, r.serial, SAMPLING)


@test("apex ports: every queuing port service gives the standard's code for each error case "
      "and works in the normal case")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    expect_checks(t, r.serial, QUEUING)
    t.contains(r.serial, f"[{CHECKS}] receiver done")
    t.contains(r.serial, f"[{CHECKS}] sender done")


@test("apex ports: a process waiting on a receive with a timeout stops no other process of its "
      "partition; the message that comes later ends its wait")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    expect_checks(t, r.serial, ["receive_queuing.waited", "receive_queuing.waited_length",
                                "receive_queuing.waited_message",
                                "receive_queuing.others_run_while_it_waits"])
    turns = int(t.search(r.serial, rf"^\[{CHECKS}\] received m1 from the plain partition after "
                                   r"waiting \d+ ns; worker ran (\d+) times meanwhile$").group(1))
    t.true(turns >= 5, f"the worker ran {turns} times while the receiver waited")


@test("apex ports: a sender waiting for room on a full queue goes on once the destination "
      "partition receives (the kernel's port line), not before")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    expect_checks(t, r.serial, ["send_queuing.waited_for_room",
                                "send_queuing.waited_until_received"])
    # the plain partition received m1..m4 (room) before the APEX partition sent m5
    lines = r.serial.splitlines()
    got_m4 = next(i for i, line in enumerate(lines)
                  if line.startswith("[apex_port_plain] window 2: received 'm4'"))
    sent_m5 = next(i for i, line in enumerate(lines)
                   if line.startswith(f"[{CHECKS}] sent m5 after waiting"))
    t.true(got_m4 < sent_m5, "m5 was sent before the destination made room")


@test("apex ports: messages flow both ways between an APEX partition and a plain Bulkhead "
      "partition, on sampling and queuing ports, in order")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[apex_port_plain] window 1: sample from the APEX partition: "
                         "'hello plain' (valid)")
    received = re.findall(r"^\[apex_port_plain\] window \d+: received '(m\w)' from the APEX "
                          r"partition, echoed: (\S+)$", r.serial, re.M)
    t.equal([m for m, _ in received][:8], ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"],
            "messages the plain partition received, in order")
    t.equal({e for _, e in received}, {"success"}, "echoes sent back")
    expect_checks(t, r.serial, ["read_sampling.ok", "read_sampling.message",
                                "receive_queuing.waited_message"])


@test("apex demo: sensor, control and display run their story: the climb is captured at 10,500 "
      "ft, the built-in test's fault reaches the error handler, which stops that process while "
      "the display and the other partitions go on")
def _(t):
    r = boot(config="apex_demo", timeout=60)
    expect_status(t, r, "shutdown")
    for line in ("[sensor] air data computer: altitude and airspeed every 20 ms on port air_data",
                 "[control] flight control: acquire every 20 ms (priority 30), autopilot every "
                 "40 ms (20), telemetry on demand (10)",
                 "[display] display: shows each telemetry message; built-in test every 100 ms"):
        t.contains(r.serial, line)
    t.lacks(r.serial, "initialization failed")
    modes = re.findall(r"^\[control\] autopilot: (.+) at (\d+) ft \(target 10500 ft\)$",
                       r.serial, re.M)
    t.equal([m for m, _ in modes], ["climb", "capture", "altitude hold"], "autopilot modes")
    t.equal(modes[-1][1], "10500", "altitude held")

    lines = r.serial.splitlines()
    shown = []   # (line index, ms, altitude, line)
    for i, line in enumerate(lines):
        m = re.match(r"^\[display\] display: t=\s*(\d+) ms  altitude\s+(\d+) ft  "
                     r"airspeed 250 kt  pitch [+-]\d+\.\d deg$", line)
        if m:
            shown.append((i, int(m.group(1)), int(m.group(2)), line))
    t.true(len(shown) >= 10, f"only {len(shown)} telemetry lines shown")
    times = [ms for _, ms, _, _ in shown]
    t.equal(times, sorted(times), "telemetry in time order")
    t.true(all(b - a == 40 for a, b in zip(times, times[1:])),
           f"one telemetry line every 40 ms: {times}")
    alts = [alt for _, _, alt, _ in shown]
    t.equal(alts, sorted(alts), "the altitude only climbs")
    t.contains(shown[0][3], "pitch +5.0 deg", "the first command (full climb)")
    t.contains(shown[-1][3], "altitude 10500 ft  airspeed 250 kt  pitch +0.0 deg", "the last")

    handler = [i for i, line in enumerate(lines) if re.match(
        r"^\[display\] error handler: process bit raised NUMERIC_ERROR at 0x[0-9a-f]+: "
        r"stopping it, the display goes on$", line)]
    t.equal(len(handler), 1, "error handler lines")
    passed = re.findall(r"^\[display\] bit: built-in test (\d+) passed", r.serial, re.M)
    t.equal(passed, ["1", "2"], "built-in tests that passed (the third faults)")
    after = [ms for i, ms, _, _ in shown if i > handler[0]]
    t.true(len(after) >= 5, f"the display went on after the fault: {len(after)} lines")
    t.true(any(i > handler[0] for i, line in enumerate(lines)
               if line.startswith("[control] autopilot: altitude hold")),
           "the control partition went on after the fault")


APEX_BENCH = ["apex_get_time", "apex_process_switch", "apex_signal_no_switch",
              "apex_periodic_release", "apex_window_release", "apex_send_64", "apex_receive_64"]


@test("apex bench: configs/bench_apex.c reports every APEX metric, each sample within a window "
      "and the periodic release exact to within a turn of its spin loop")
def _(t):
    r = boot(config="bench_apex", timeout=90)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[bench_apex_dst] BENCH done")
    lines = dict(re.findall(r"BENCH metric=(\w+) (.*)$", r.serial, re.M))
    for name in APEX_BENCH:
        t.true(name in lines, f"metric {name} missing; got {sorted(lines)}")
        m = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", lines[name])}
        t.equal(m["samples"], 1000, f"{name} samples (the build's SAMPLES)")
        t.true(0 < m["min"] <= m["median"] <= m["p99"] <= m["max"] < 20_000,
               f"{name}: figures out of order or beyond a window's share: {m}")
        t.note(f"{name} median {m['median']}")
    release = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", lines["apex_periodic_release"])}
    t.true(release["max"] - release["min"] <= 3, f"periodic release spread: {release}")


@test("apex ports: processes waiting on a port are served in its queuing discipline: FIFO senders "
      "in the order they came, PRIORITY receivers by priority")
def _(t):
    r = ports_boot()
    expect_status(t, r, "shutdown")
    expect_checks(t, r.serial, ["send_queuing.fifo_first", "send_queuing.fifo_second",
                                "receive_queuing.priority_waiter",
                                "receive_queuing.priority_higher_first",
                                "receive_queuing.priority_lower_next"])
    received = re.findall(r"^\[apex_port_plain\] window \d+: received '(m[AB])' from the APEX "
                          r"partition", r.serial, re.M)
    t.equal(received, ["mA", "mB"], "the FIFO senders' messages, as the destination received them")
