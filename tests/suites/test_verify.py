"""make verify (tools/verify.py, tools/judge.py): a user's deployment judged as the project judges
its own, from the kernel's schedule trace: the rows it fails and the partition it names."""
import os
import re
import subprocess
import sys

from harness import test, build, ROOT, judge

VERIFY = [sys.executable, os.path.join(ROOT, "tools", "verify.py")]
ROW = re.compile(r"^(\S+) .* (pass|FAIL)$", re.M)


def verify(config, *args, timeout=150):
    build(config)
    proc = subprocess.run(VERIFY + [config, "--built", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr


def results(out):
    """{row name: 'pass' or 'FAIL'} and the closing counts."""
    counts = re.search(r"^verify: (\d+) passed, (\d+) failed$", out, re.M)
    return dict(ROW.findall(out)), counts and (int(counts.group(1)), int(counts.group(2)))


@test("verify: the demo fails for faulty's health-monitor events alone, passes with EXPECT_HM=faulty")
def _(t):
    build("demo")
    plain = subprocess.run(["make", "-s", "verify", "CONFIG=demo", "FRAMES=20"], cwd=ROOT,
                           capture_output=True, text=True, timeout=150)
    rows, counts = results(plain.stdout)
    t.true(plain.returncode != 0, f"make verify passed with faulty's events:\n{plain.stdout}")
    t.equal(rows, {"sensor": "pass", "control": "pass", "logger": "pass", "heartbeat": "pass",
                   "faulty": "FAIL", "(run)": "pass"}, f"rows of\n{plain.stdout}")
    t.equal(counts, (5, 1), "the closing line")
    t.search(plain.stdout, r"^verify: faulty: 4 health-monitor events \(page fault -> cold "
                           r"restart, page fault -> stop\); expected only with EXPECT_HM=faulty$")
    # every window of 20 frames judged, from the kernel's trace
    t.search(plain.stdout, r"^sensor +20 ")
    expected = subprocess.run(["make", "-s", "verify", "CONFIG=demo", "FRAMES=20",
                               "EXPECT_HM=faulty"], cwd=ROOT, capture_output=True, text=True,
                              timeout=150)
    t.equal(expected.returncode, 0, f"make verify EXPECT_HM=faulty's status:\n{expected.stdout}")
    t.equal(results(expected.stdout)[1], (6, 0), "the closing line with EXPECT_HM=faulty")
    t.search(expected.stdout, r"^faulty +20 .* 4 \(expected\) .* pass$")
    t.search(expected.stdout, r"^logger .* commands: received 20 +pass$")


@test("verify: a partition faulting at its window's end makes the next one late: that one is named")
def _(t):
    # hm_late faults in the last microseconds of its windows; the kernel takes the sensor's
    # window 0.84 us after its plan then, 0.14 us otherwise: over a 0.5 us tolerance, the sensor
    # fails and hm_late (its own windows on time, its events expected) passes
    rc, out = verify("hm_late", "--expect-hm", "hm_late", "--tolerance-ns", "500")
    rows, counts = results(out)
    t.true(rc != 0, f"verify passed:\n{out}")
    t.equal(rows, {"hm_late": "pass", "sensor": "FAIL", "(run)": "pass"}, f"rows of\n{out}")
    t.equal(counts, (2, 1), "the closing line")
    m = t.search(out, r"^verify: sensor: window (\d+) \(frame \d+, plan window 1\) started "
                      r"(\d+\.\d+) us after the plan \(tolerance 0\.500 us\); (\d+) windows out "
                      r"of tolerance in all$")
    t.true(0.5 < float(m.group(2)) < 10, f"the sensor's lateness {m.group(2)} us")
    # hm_late faults in nearly every window: nearly every one of the sensor's 60 is late
    t.true(50 <= int(m.group(3)) <= 60, f"{m.group(3)} of the sensor's windows late")
    # at the project's tolerance the same run passes
    rc, out = verify("hm_late", "--expect-hm", "hm_late")
    t.equal((rc, results(out)[1]), (0, (3, 0)), f"verify at 10 us:\n{out}")


@test("verify: a run that panics or times out fails, the run's row says how it ended")
def _(t):
    rc, out = verify("ports", "--frames", "4", "--options", "test_fault=panic")
    t.true(rc != 0, f"a panic passed:\n{out}")
    t.search(out, r"^verify: \(run\): the run ended with panic, not a clean shutdown \(exit 33\)$")
    t.equal(results(out)[0].get("(run)"), "FAIL", "the run's row after a panic")
    rc, out = verify("ports", "--frames", "1000000", "--timeout", "3")
    t.true(rc != 0, f"a timeout passed:\n{out}")
    t.search(out, r"^verify: \(run\): the run ended with timeout, not a clean shutdown")
    rc, out = verify("ports", "--frames", "4")
    t.equal(rc, 0, f"ports for 4 frames:\n{out}")


@test("verify: smp_clock2 passes, every CPU's windows judged against its own plan")
def _(t):
    rc, out = verify("smp_clock2", "--frames", "20")
    rows, counts = results(out)
    t.equal(rows, {name: "pass" for name in ("clock_a", "clock_b", "clock_c", "clock_d", "clock_e",
                                             "(run)")}, f"rows of\n{out}")
    t.equal((rc, counts), (0, (6, 0)), f"the status and closing line of\n{out}")
    # 20 frames: clock_e has a window on each CPU, each CPU's counted
    t.search(out, r"^clock_a +20 ")
    t.search(out, r"^clock_e +40 ")


@test("verify: a queuing channel that lost or doubled a message fails its destination", group="host")
def _(t):
    kinds = judge.channel_kinds(os.path.join(ROOT, "configs", "demo.c"))
    t.equal(kinds["commands"], ("queuing", "control", ["logger"], 8), "demo's queuing channel")
    t.equal(kinds["altitude"][0], "sampling", "demo's sampling channel")

    class Trace:
        channels = {0: "commands"}

        def name(self, p):
            return ["control", "logger"][p]

    def judged(sends, receives):
        trace = Trace()
        Event = judge.tracefile.Event
        trace.events = [Event(i, "PORT_SEND", 0, 0, 0) for i in range(sends)] + \
            [Event(100 + i, "PORT_RECEIVE", 1, 0, 0) for i in range(receives)]
        rows = {0: judge.Row("control"), 1: judge.Row("logger")}
        judge.judge_ports(trace, rows, kinds)
        return rows[0], rows[1]

    # what the queue (depth 8) holds at the end is not lost
    control, logger = judged(10, 2)
    t.equal((control.reasons, logger.reasons), ([], []), "8 left in a queue of 8")
    t.equal((control.ports, logger.ports), (["commands: sent 10, 8 queued at the end"],
                                            ["commands: received 2"]), "the ports column")
    control, logger = judged(10, 1)
    t.equal(logger.reasons, ["queuing channel 'commands': 9 messages of 10 sent neither received "
                             "nor queued (depth 8)"], "logger's reasons, one lost")
    t.equal(control.reasons, [], "control's reasons")
    control, logger = judged(1, 2)
    t.equal(logger.reasons, ["queuing channel 'commands': 2 messages received, 1 sent"],
            "logger's reasons, one doubled")


def synthetic_trace(late_ns, frames=20, major=100_000, offset=10_000):
    """A decoded trace of one partition with one window a frame, starting late_ns(frame) after
    the plan: the kernel's records as core/trace.c writes them, at 1 ns a clock tick."""
    R = judge.tracefile.Record
    code = judge.tracefile.CODES
    records = [R(code["META_CLOCK"], 0xFF, 0xFF, 1_000_000, 0),
               R(code["META_PLAN"], 1, 0xFF, major, 0),
               R(code["META_WINDOW"], 0, 0, 50_000, offset),
               R(code["META_PARTITION"], 0, 1, 0, 0)]
    for f in range(frames):
        start = f * major + offset
        records += [R(code["WINDOW_START"], 0, 0xFF, 0, start + late_ns(f)),
                    R(code["WINDOW_END"], 0, 0xFF, 0, start + 50_000)]
    return judge.tracefile.Trace(records)


@test("verify: windows growing later frame by frame are drift, though each is within 10 us", group="host")
def _(t):
    drifting = judge.judge_run("shutdown", synthetic_trace(lambda f: 400 * f), frames=20)
    t.equal([r.passed for r in drifting], [False, True], "p0's and the run's verdicts")
    t.equal(drifting[0].reasons, ["drift: worst lateness 0.400 us in the first 2 frames, 7.600 us "
                                  "in the last (at most 2.000 us apart)"], "p0's reasons")
    steady = judge.judge_run("shutdown", synthetic_trace(lambda f: 7_600 if f % 3 else 100),
                             frames=20)
    t.equal([r.passed for r in steady], [True, True], "jitter within 10 us is no drift")
    late = judge.judge_run("shutdown", synthetic_trace(lambda f: 10_001 if f == 7 else 0),
                           frames=20)
    t.equal(late[0].reasons, ["window 8 (frame 7, plan window 0) started 10.001 us after the plan "
                              "(tolerance 10.000 us)"], "one window late")
    short = judge.judge_run("shutdown", synthetic_trace(lambda f: 0, frames=19), frames=20)
    t.equal(short[0].reasons, ["19 windows traced, the plan has 20 in 20 frames"], "a window missing")
    typo = judge.judge_run("shutdown", synthetic_trace(lambda f: 0), expect_hm={"p0", "nosuch"})
    t.equal(typo[-1].reasons, ["EXPECT_HM names no partition of the deployment: nosuch"],
            "the run's reasons with a name in EXPECT_HM that is no partition's")


@test("judge: the scenario tests' check fails printed window starts that drift or come late", group="host")
def _(t):
    plan = ("bulkhead: schedule: epoch 1000 ns, major frame 100000 ns, 1 window\n"
            "bulkhead: plan window 0: partition 0 'p' offset 0 ns duration 50000 ns\n")

    def serial(late):
        return plan + "".join(f"[p] window {n} start t={1000 + (n - 1) * 100_000 + late(n)} ns\n"
                              for n in range(1, 31))

    class Check:
        def true(self, condition, message):
            if not condition:
                raise judge.Failure(message)

    judged, worst = judge.check_windows_on_time(Check(), serial(lambda n: 100 * (n % 2)), ("p",))
    t.equal((len(judged), worst), (29, 100), "windows 2..30 judged, worst lateness")
    for late, why in ((lambda n: 300 * n, "drift: worst lateness 0.900 us in the first 2 frames, "
                                          "9.000 us in the last (at most 2.000 us apart)"),
                      (lambda n: 10_001 if n == 9 else 0, "p window 9 started at 811001 ns, planned "
                                                          "801000 ns (10001 ns late)")):
        try:
            judge.check_windows_on_time(Check(), serial(late), ("p",))
            failure = None
        except judge.Failure as e:
            failure = str(e)
        t.true(failure and why in failure, f"the check said {failure!r}, not {why!r}")
