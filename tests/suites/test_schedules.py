"""Issue 20: several schedules in one deployment (docs/schedules.md), switched by a system
partition at a major frame's end (tests/configs/schedules.c, tests/partitions/sched_switch)."""
import os
import re
from harness import (test, boot, boot_traced, make, expect_status, check_windows_on_time, parse_plan,
                     judge, BUILD)

SWITCH = re.compile(r"^bulkhead: schedule switch to '(\w+)' \(id (\d+)\) at frame (\d+), t=(\d+) ns$",
                    re.M)


def schedules_boot():
    return boot(config="schedules", timeout=120)


@test("schedules: 1,000 switches between ground and flight, every window of every schedule on time, no drift")
def _(t):
    r = schedules_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[switcher] done: 1000 switches, now 1")
    switches = SWITCH.findall(r.serial)
    t.equal(len(switches), 1001, "switch lines (cruise once, then ground and flight 1,000 times)")
    t.equal([s[0] for s in switches[1:5]], ["ground", "flight", "ground", "flight"], "switches")
    plan = parse_plan(r.serial)
    # each switch takes effect at the previous frame's end: its start is exact on the grid
    majors = {int(i): major for i, (major, _) in plan.schedules[1].items()}
    at, sid, frame = plan[0], plan.schedules[0], 0
    for name, i, f, time in switches:
        at += (int(f) - frame) * majors[sid]
        t.equal(int(time), at, f"switch to {name} at frame {f}")
        sid, frame = int(i), int(f)
    judged, worst = check_windows_on_time(t, r.serial, ("switcher", "wa", "wb"), first=2)
    t.true(len(judged) >= 3 * 1000, f"only {len(judged)} windows judged")
    # the first window after each switch (the new schedule's window 0) started within 10 us
    starts = {}
    for name, n, time in re.findall(r"^\[(\w+)\] window (\d+) start t=(\d+) ns", r.serial, re.M):
        starts.setdefault(name, []).append(int(time))
    for name, i, f, time in switches:
        _, windows = plan.schedules[1][int(i)]
        _, owner, offset, _ = windows[0]
        planned = int(time) + offset
        t.true(any(planned <= x <= planned + 10_000 for x in starts[owner]),
               f"{owner}'s first window after the switch to {name} at frame {f} (planned {planned} ns)")
    t.note(f"{len(judged)} windows judged across 1,001 switches, worst {worst / 1000:.3f} us late")


@test("schedules: a request in the middle of a frame takes effect exactly at that frame's end")
def _(t):
    r = schedules_boot()
    expect_status(t, r, "shutdown")
    m = t.search(r.serial, r"\[switcher\] asked for cruise at t=(\d+) ns in frame (\d+) \(start (\d+) ns, "
                           r"major (\d+) ns\)")
    asked, frame, start, major = (int(x) for x in m.groups())
    t.true(start < asked < start + major, "the request came inside the frame")
    first = SWITCH.search(r.serial)
    t.equal((first.group(1), int(first.group(3)), int(first.group(4))), ("cruise", frame + 1, start + major),
            "the first switch")
    t.contains(r.serial, f"[switcher] switched to 2 at t={start + major} ns, frame {frame + 1} (switches 1)")


@test("schedules: schedule_set refuses a non-system partition (BH_EPERM) and an unknown id (BH_EINVAL); a second request replaces the first, the one in force cancels")
def _(t):
    r = schedules_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[switcher] find: ground 0 flight 1 cruise 2 nope BH_ENOENT")
    t.contains(r.serial, "[switcher] status: current 0 next 0 last switch 0 count 3")
    t.contains(r.serial, "[switcher] set 7: BH_EINVAL, set 3 (the count): BH_EINVAL")
    t.contains(r.serial, "[switcher] after set flight, set cruise: next 2")
    t.contains(r.serial, "[switcher] after set ground: next 0")
    t.contains(r.serial, "[plain] set 1: BH_EPERM")
    t.contains(r.serial, "[plain] status: success, current 0")
    t.contains(r.serial, "[plain] find flight: 1")
    # the replaced request (flight) never took effect: cruise came first
    t.equal(SWITCH.search(r.serial).group(1), "cruise", "the first switch")


@test("schedules: a partition missing from a schedule does not run there; BH_VINT_SCHEDULE reaches it in its next window")
def _(t):
    r = schedules_boot()
    expect_status(t, r, "shutdown")
    plain = int(t.search(r.serial, r"partition 3 'plain': mode \w+, windows (\d+)").group(1))
    switches = [(int(f), int(i)) for _, i, f, _ in SWITCH.findall(r.serial)]
    ground_frames, frame, sid = 0, 0, 0
    for f, i in switches + [(1006, None)]:
        if sid == 0:
            ground_frames += f - frame
        frame, sid = f, i
    t.equal(plain, ground_frames, "plain's windows: one per frame of 'ground', none elsewhere")
    lines = re.findall(r"^\[plain\] schedule line (\d+) in window (\d+): current 0", r.serial, re.M)
    t.true(len(lines) >= 400, f"plain took the schedule line in {len(lines)} windows")


@test("schedules: the health monitor switches to hm_stop_schedule at the end of the frame in which a partition reached its restart limit")
def _(t):
    r = boot(config="sched_degrade", timeout=60)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: hm: partition 'hm_cold' reached its restart limit; stopped for good")
    stops = re.findall(r"^bulkhead: hm: t=([\d.]+) ms partition 'hm_cold' .* -> (.+)$", r.serial, re.M)
    t.equal([a for _, a in stops], ["cold restart"] * 3 + ["stop partition"], "hm_cold's actions")
    switches = SWITCH.findall(r.serial)
    t.equal([(s[0], s[1]) for s in switches], [("degraded", "1")], "the switches")
    plan = parse_plan(r.serial)
    stop_ns = float(stops[-1][0]) * 1e6
    frame = int((stop_ns - plan[0]) // plan[1])
    t.equal((int(switches[0][2]), int(switches[0][3])), (frame + 1, plan[0] + (frame + 1) * plan[1]),
            "the switch: at the end of the stop's frame")
    judged, worst = check_windows_on_time(t, r.serial, ("wa", "wb"), first=2)
    t.true(len(judged) >= 40, f"only {len(judged)} witness windows judged")
    show = make("show", "CONFIG=sched_degrade", check=False).stdout
    t.search(show, r"^schedule 1 'degraded': major frame 1000 us, 2 windows\n(?:.+\n)*?"
                   r"  hm_cold +not in this schedule: does not run while it is in force\n", "make show")
    t.contains(show, "stopped for good: schedule 'degraded' from the next frame", "make show")
    t.note(f"witness windows across the degraded switch: worst {worst / 1000:.3f} us late")


APEX_CHECKS = ["id flight", "id flight value", "id unknown", "id unknown untouched", "status",
               "status current", "status next", "status no switch yet", "set unknown",
               "set negative", "set flight"]


@test("schedules: the APEX layer's SET_MODULE_SCHEDULE, GET_MODULE_SCHEDULE_STATUS and GET_MODULE_SCHEDULE_ID, with Part 2's return codes, from a system partition and another")
def _(t):
    r = boot(config="apex_schedules", timeout=60)
    expect_status(t, r, "shutdown")
    for name, extra in (("apex_sys", ["pending", "switched", "switch time set"]), ("apex_user", [])):
        got = re.findall(rf"^\[{name}\] check (.+?): (ok|FAILED.*)$", r.serial, re.M)
        t.equal(got, [(c, "ok") for c in APEX_CHECKS + extra], f"{name}'s checks")
        t.contains(r.serial, f"[{name}] apex_schedules: done, 0 failed")
    switch = SWITCH.findall(r.serial)
    t.equal([(s[0], s[2]) for s in switch], [("flight", "1")], "the switch")
    t.contains(r.serial, f"[apex_sys] apex_schedules: switched at {switch[0][3]} ns")


@test("schedules: make show lists every schedule of modes_demo and its windows as the kernel prints them; the demo switches from ground to flight")
def _(t):
    proc = make("show", "CONFIG=modes_demo", check=False)
    t.equal(proc.returncode, 0, f"make show's status; stderr:\n{proc.stderr[-2000:]}")
    r = boot(config="modes_demo", timeout=60)
    expect_status(t, r, "shutdown")
    initial, table, _ = parse_plan(r.serial).schedules
    t.contains(proc.stdout, "schedules: 2, switched at a major frame's end", "make show")
    for i, (major, windows) in table.items():
        name = re.search(rf"^bulkhead: schedule {i} '(\w+)'", r.serial, re.M).group(1)
        head = f"schedule {i} '{name}'{' (initial)' if i == initial else ''}: major frame {major // 1000} us, "
        t.contains(proc.stdout, head + f"{len(windows)} windows\n", "make show's schedule line")
        block = proc.stdout[proc.stdout.index(head):]
        for w, partition, offset, duration in windows:
            t.contains(block, f"  window {w:<2} [{offset // 1000} us, {(offset + duration) // 1000} us)  "
                              f"{partition}\n", f"make show's window {w} of '{name}'")
    # mode_manager asked for flight in frame 2: the switch is at frame 3, and flight's frames follow
    t.search(r.serial, r"^\[mode_manager\] frame 2: ground checks done, asking for 'flight' \(id 1\)$")
    m = t.search(r.serial, r"^bulkhead: schedule switch to 'flight' \(id 1\) at frame 3, t=(\d+) ns$")
    t.contains(r.serial, f"[mode_manager] frame 3: schedule 1 in force since t={m.group(1)} ns "
                         "(major frame 5000 us)")
    judged, worst = check_windows_on_time(t, r.serial, ("control",), first=2)
    t.true(len(judged) >= 6, f"only {len(judged)} control windows judged")


@test("schedules: bh-plan shows every schedule, the one in force and a pending switch", group="gdb")
def _(t):
    import gdb_session
    s = gdb_session.run(["break switch_plan", "continue", "bh-plan", "delete", "break report_summary",
                         "continue", "bh-plan"], config="modes_demo", timeout=30)
    for bad in ("Traceback", "Python Exception", "Error occurred in Python"):
        t.lacks(s.output, bad, "gdb output")
    pending, after = s.of("bh-plan", 0), s.of("bh-plan", 1)
    t.search(pending, r"^schedule in force: 0 'ground' since frame 0 \(epoch \d+ ticks = \d+ ns\); "
                      r"next frame: 1 'flight' \(switch pending\)$", "bh-plan at the switch")
    t.search(after, r"^schedule in force: 1 'flight' since frame 3 \(epoch \d+ ticks = \d+ ns\); "
                    r"next frame: 1 'flight'$", "bh-plan after the switch")
    t.search(after, r"^major frame: 500000 ticks", "bh-plan: the plan in force first")
    for text in (pending, after):
        t.search(text, r"^schedule 0 'ground'.*: major frame 1000000 ticks", "bh-plan: ground")
        t.search(text, r"^schedule 1 'flight'.*: major frame 500000 ticks", "bh-plan: flight")
    t.search(after, r"^schedule 1 'flight' \(in force\)", "bh-plan marks the one in force")
    t.search(after, r"^2 +0 'mode_manager' +3700000 +500000", "bh-plan: flight's window 2")


@test("schedules: the trace of modes_demo has the switch at its boundary, every window judged against the schedule in force, and the picture draws it")
def _(t):
    stream = os.path.join(BUILD, "tests", "schedules-trace.bin")
    r = boot_traced(stream, 8, config="modes_demo")
    expect_status(t, r, "shutdown")
    decoder = judge.tracefile
    trace = decoder.read_trace(stream)
    m = t.search(r.serial, r"^bulkhead: schedule switch to 'flight' \(id 1\) at frame 3, t=(\d+) ns$")
    t.equal(trace.schedule_names, {0: "ground", 1: "flight"}, "the schedules' names")
    t.equal([(g.first, g.schedule, g.epoch, g.major) for g in trace.regimes],
            [(0, 0, trace.epoch, 10_000_000), (3, 1, int(m.group(1)), 5_000_000)], "the regimes")
    t.equal(int(m.group(1)), trace.epoch + 3 * 10_000_000, "the switch: at frame 3's boundary, exactly")
    rows = judge.judge_run("shutdown", trace, frames=None)
    t.equal([row.reasons for row in rows], [[] for _ in rows], "the judgement of every window")
    tl = decoder.Timeline(trace)
    t.equal(sorted({(w.frame >= 3, w.index >> 8) for w in tl.windows}), [(False, 0), (True, 1)],
            "ground's windows before the switch, flight's after")
    t.equal(len(tl.windows), 3 * 4 + 5 * 4, "windows traced: 4 a frame in both schedules")
    svg = decoder.render_svg(trace, tl, trace.epoch + 25_000_000, trace.epoch + 40_000_000)
    t.contains(svg, 'class="switch"', "the SVG's switch line")
    t.contains(svg, "schedule 'flight'</text>", "the SVG's switch label")
    planned = re.findall(r'class="planned"', svg)
    t.true(len(planned) >= 4 * 4, f"only {len(planned)} planned windows drawn")


@test("schedules: the boot's reload check covers every schedule: a window of 'narrow' too short on a slow CPU refuses the deployment, naming its field; on a fast one it boots")
def _(t):
    # four virtual nanoseconds an instruction: a page step takes about 10 us (test_reload.py)
    r = boot(config="sched_narrow", icount=False, timeout=60, extra=("-icount", "shift=2,sleep=off"))
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: deployment 'sched_narrow' refused: schedules\[1\]\.windows\[1\]\."
                       r"duration_ns: 10000 ns; a page of a load takes \d+ ns on this CPU, so partition "
                       r"'wb' could never load in it: its windows need at least \d+ ns here$")
    t.contains(r.serial, "bulkhead: no partition started; shutting down")
    t.lacks(r.serial, "[wa]")
    fast = boot(config="sched_narrow", timeout=60)
    expect_status(t, fast, "shutdown")
    t.contains(fast.serial, "bulkhead: summary after 10 major frames")
