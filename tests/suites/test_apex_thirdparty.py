"""APEX applications written as a third party writes them (tests/partitions/tp_*, configs
apex_thirdparty.c): per-service headers, <stdio.h>, <string.h> and <stdlib.h>, `void main(void)`,
attributes filled field by field, string-literal names, mistakes made on purpose. Each program
prints what it observes; these tests hold that against ARINC 653 Part 1 (what the standard says
must happen, not what our layer happens to do), with the bystander's windows on time."""
import os
import re
import shutil
import subprocess
import tempfile

from harness import test, boot, expect_status, check_windows_on_time, ROOT

# RETURN_CODE_TYPE, as the standard numbers it
NO_ERROR, NO_ACTION, NOT_AVAILABLE, INVALID_PARAM, INVALID_CONFIG, INVALID_MODE, TIMED_OUT = \
    range(7)
MS = 1000000
FRAME = 10 * MS


def tp_boot():
    return boot(config="apex_thirdparty", timeout=60)


def lines_of(serial, partition):
    return re.findall(rf"^\[{partition}\] (.*)$", serial, re.M)


def codes(t, lines, expected):
    """Each `what: code` line of `expected` printed once, with the standard's code."""
    for what, code in expected.items():
        found = [line for line in lines if line.startswith(what + ":")]
        t.equal(found, [f"{what}: {code}"], what)


def in_order(t, lines, wanted, what):
    """The lines of `wanted` appear in this order (others may come between)."""
    at = 0
    for line in lines:
        if at < len(wanted) and line == wanted[at]:
            at += 1
    t.true(at == len(wanted), f"{what}: {wanted[at] if at < len(wanted) else ''!r} missing or "
                              f"out of order; the partition printed:\n" + "\n".join(lines))


def bystander_on_time(t, serial):
    judged, worst = check_windows_on_time(t, serial, ["bystander"])
    t.true(len(judged) >= 25, f"only {len(judged)} bystander windows judged")
    return worst


@test("apex third party: a flight-control program's initialization mistakes get the standard's "
      "codes (same name NO_ACTION, priority and capacity INVALID_PARAM, period INVALID_CONFIG, "
      "WARM_START from COLD_START INVALID_MODE, ...), its periodic processes run on their "
      "period grid, a HARD deadline missed and an application error reach its error handler")
def _(t):
    r = tp_boot()
    expect_status(t, r, "shutdown")
    lines = lines_of(r.serial, "tp_flight")
    codes(t, lines, {
        "CREATE_ERROR_HANDLER": NO_ERROR, "CREATE_ERROR_HANDLER again": NO_ACTION,
        "CREATE_PROCESS FAST CONTROL": NO_ERROR, "START FAST CONTROL": NO_ERROR,
        "CREATE_PROCESS BIT": NO_ERROR, "START BIT": NO_ERROR,
        "CREATE_PROCESS same name": NO_ACTION,
        "CREATE_PROCESS priority below MIN_PRIORITY_VALUE": INVALID_PARAM,
        "CREATE_PROCESS priority above MAX_PRIORITY_VALUE": INVALID_PARAM,
        "CREATE_PROCESS capacity above period": INVALID_PARAM,
        "CREATE_PROCESS period 0": INVALID_CONFIG,
        "CREATE_PROCESS negative period": INVALID_CONFIG,
        "START started process": NO_ACTION, "START unknown id": INVALID_PARAM,
        "GET_PROCESS_ID unknown name": INVALID_CONFIG,
        "SET_PARTITION_MODE WARM_START from COLD_START": INVALID_MODE,
        "CREATE_PROCESS 30-character name": NO_ERROR,
        "CREATE_PROCESS in NORMAL": INVALID_MODE,
        "SET_PARTITION_MODE NORMAL again": NO_ACTION,
        "REPLENISH 5 ms": NO_ERROR, "REPLENISH past the next release": INVALID_MODE,
        "TIMED_WAIT negative": INVALID_PARAM,
        "RAISE_APPLICATION_ERROR with a code not APPLICATION_ERROR": INVALID_PARAM,
        "RAISE_APPLICATION_ERROR too long": INVALID_PARAM,
        "START OVERRUN again": NO_ERROR,
    })
    t.contains(r.serial, "[tp_flight] partition mode 1 start condition 0")   # COLD_START
    t.contains(r.serial, "[tp_flight] GET_PROCESS_ID SLOW MONITOR: 0, same id: yes")
    t.contains(r.serial, "[tp_flight] GET_PROCESS_ID 30-character name: 0, same id: yes")
    t.lacks(r.serial, "[tp_flight] SET_PARTITION_MODE returned")   # NORMAL does not return
    t.contains(r.serial, "[tp_flight] GET_MY_ID is FAST CONTROL: yes")
    t.contains(r.serial, f"[tp_flight] partition mode 3 period {FRAME} duration {3 * MS}")
    t.contains(r.serial, "[tp_flight] TIMED_WAIT 1 ms: 0, waited at least 1 ms: yes")
    # RUNNING, its base priority, and a deadline TIME_CAPACITY after its release
    m = t.search(r.serial, rf"^\[tp_flight\] own state 2 priority 20 period {FRAME} "
                           r"deadline after release (\d+)$")
    t.true(FRAME - 100000 < int(m.group(1)) <= FRAME, f"deadline {m.group(1)} ns after release")
    # releases on the grid of their periods, anchored on the first window after NORMAL
    epoch = int(t.search(r.serial, r"^bulkhead: schedule: epoch (\d+) ns").group(1))
    for name, period, count in (("FAST CONTROL", FRAME, 8), ("SLOW MONITOR", 2 * FRAME, 4)):
        times = [int(x) for x in re.findall(
            rf"^\[tp_flight\] {name} release \d+ at (\d+)$", r.serial, re.M)]
        t.equal(len(times), count, f"{name}'s releases")
        t.true(0 <= (times[0] - epoch) % FRAME < 50000,
               f"{name}'s first release {times[0]} ns is not at a window start")
        for k, at in enumerate(times):
            t.true(abs(at - times[0] - k * period) < 30000,
                   f"{name} release {k} at {at} ns, {times[0] + k * period} ns on its grid")
    # the application error: the handler (above every process) runs at once, then BIT goes on
    in_order(t, lines, [
        "BIT raises an application error",
        "error handler: code 1 from process 'BIT' (SOFT deadline)",
        "APEX application message: handled: BIT: sensor out of range",
        "error handler: no more errors (1)",
        "BIT goes on after the error handler: 0",
    ], "the application error")
    # the deadline missed: reported while OVERRUN runs past it, which the handler stops
    in_order(t, lines, [
        "OVERRUN release 1",
        "error handler: code 0 from process 'OVERRUN' (HARD deadline)",
        "error handler STOP: 0",
    ], "the deadline missed")
    t.lacks(r.serial, "[tp_flight] OVERRUN still running after its deadline")
    t.lacks(r.serial, "[tp_flight] OVERRUN release 2")
    # stopped, and returned from its entry point: DORMANT; started again from its entry point,
    # it misses its deadline again on its second release
    in_order(t, lines, ["OVERRUN state 0", "BIT state 0", "START OVERRUN again: 0",
                        "OVERRUN release 0", "OVERRUN release 1",
                        "error handler: code 0 from process 'OVERRUN' (HARD deadline)"],
             "OVERRUN started again")
    t.equal(lines.count("error handler: code 0 from process 'OVERRUN' (HARD deadline)"), 2,
            "OVERRUN's deadlines missed")
    t.equal(lines.count("error handler STOP: 0"), 2, "the error handler's STOPs of OVERRUN")
    t.note(f"bystander windows worst {bystander_on_time(t, r.serial)} ns late")


@test("apex third party: a sensor and a display partition over ports: the port mistakes get the "
      "standard's codes, every queued message arrives once and in order, an empty receive "
      "times out, the sampled value is VALID while refreshed and INVALID after")
def _(t):
    r = tp_boot()
    expect_status(t, r, "shutdown")
    sensor, display = lines_of(r.serial, "tp_sensor"), lines_of(r.serial, "tp_display")
    codes(t, sensor, {
        "CREATE_SAMPLING_PORT SENSOR_DATA": NO_ERROR, "CREATE_SAMPLING_PORT again": NO_ACTION,
        "CREATE_SAMPLING_PORT unknown name": INVALID_CONFIG,
        "CREATE_QUEUING_PORT wrong size": INVALID_CONFIG,
        "CREATE_QUEUING_PORT wrong direction": INVALID_CONFIG,
        "CREATE_QUEUING_PORT SENSOR_LOG": NO_ERROR,
        "SEND_QUEUING_MESSAGE too long": INVALID_CONFIG,
        "CREATE_PROCESS ACQUISITION": NO_ERROR,
    })
    t.contains(r.serial, "[tp_sensor] GET_QUEUING_PORT_ID: 0, same id: yes")
    t.contains(r.serial, "[tp_sensor] queuing status: 0, max 8 messages of 64 bytes, direction 0")
    codes(t, display, {"CREATE_SAMPLING_PORT SENSOR_DATA": NO_ERROR,
                       "CREATE_QUEUING_PORT SENSOR_LOG": NO_ERROR,
                       "LOG RECEIVER": NO_ERROR, "DATA MONITOR": NO_ERROR})
    t.contains(r.serial, "[tp_display] sampling status: 0, refresh 30000000, size 32, direction 1")
    t.equal([line for line in sensor if line.startswith("reading ")],
            [f"reading {20 + i * 0.25:.2f} C, {(20 + i * 0.25) * 9 / 5 + 32:f} F"
             for i in range(12)], "the sensor's readings (printf's %f)")
    t.equal([line for line in sensor if line.startswith("sent ")],
            [f"sent 'log {i}': 0" for i in range(12)], "the sensor's sends")
    t.equal([line for line in display if line.startswith("received ")],
            [f"received 'log {i}' ({len(f'log {i}')} bytes): 0" for i in range(12)],
            "the display's receives")
    t.contains(r.serial, "[tp_display] RECEIVE_QUEUING_MESSAGE with nothing sent: 6, length 0")
    t.contains(r.serial, "[tp_display] queuing status: 0, 0 messages, direction 1")
    samples = [(int(v), validity) for v, validity in re.findall(
        r"^\[tp_display\] sample 'temperature (\d+)' (VALID|INVALID)$", r.serial, re.M)]
    valid = [v for v, validity in samples if validity == "VALID"]
    t.true(valid == sorted(valid) and valid[-1] == 31, f"the values read VALID: {valid}")
    invalid_from = next((i for i, (_, v) in enumerate(samples) if v == "INVALID"), len(samples))
    t.true(samples[invalid_from:] and all(v == "INVALID" for _, v in samples[invalid_from:]),
           f"the samples after the sensor stopped: {samples}")
    # the last write is refreshed for REFRESH_PERIOD (30 ms: three reads 10 ms apart), no more
    last_written = valid.count(31)
    t.true(2 <= last_written <= 4, f"'temperature 31' read VALID {last_written} times")
    t.note(f"bystander windows worst {bystander_on_time(t, r.serial)} ns late")


@test("apex third party: intra-partition objects in the order the standard's scheduling gives: "
      "a buffer's receiver preempts its sender, a PRIORITY semaphore serves the higher waiter, "
      "an event and a blackboard wake every waiter, a preemption lock defers the switch, a "
      "mutex raises its owner to its priority, timeouts and the codes of the mistakes")
def _(t):
    r = tp_boot()
    expect_status(t, r, "shutdown")
    lines = lines_of(r.serial, "tp_sync")
    codes(t, lines, {
        "CREATE_BUFFER": NO_ERROR, "CREATE_BUFFER same name": NO_ACTION,
        "CREATE_BUFFER of no message": INVALID_PARAM,
        "RECEIVE_BUFFER in the initialization": INVALID_MODE,
        "CREATE_SEMAPHORE": NO_ERROR, "CREATE_SEMAPHORE value above maximum": INVALID_PARAM,
        "GET_SEMAPHORE_ID unknown": INVALID_CONFIG, "CREATE_EVENT": NO_ERROR,
        "CREATE_BLACKBOARD": NO_ERROR, "CREATE_MUTEX": NO_ERROR,
        "UNLOCK_PREEMPTION not locked": NO_ACTION, "RELEASE_MUTEX not owned": INVALID_MODE,
        "WAIT_SEMAPHORE at zero, no wait": NOT_AVAILABLE,
        "SIGNAL_SEMAPHORE at its maximum": NO_ACTION,
    })
    after_init = lines[lines.index("CREATE_MUTEX: 0") + 1:]
    readers = [line for line in after_init if line.startswith("READER ")]
    t.true(len(readers) == 2 and all(line.endswith(" read 'altitude 35000': 0")
                                     for line in readers), f"the readers: {readers}")
    want = [f"{who} '{'cmd %d' % i}'{': 0' if who.startswith('CONSUMER') else ''}"
            for i in range(4) for who in ("PRODUCER sends", "CONSUMER got")]
    want += [
        "PRODUCER done",
        "DRIVER signals RESOURCE twice",
        "HIGH WAITER got RESOURCE: 0",   # PRIORITY: the higher waiter, though it came second
        "HIGH WAITER got RESOURCE: 0",   # ... and again, ahead of LOW WAITER queued before it
        "DRIVER sets GO",
        "EVENT A woke on GO: 0", "EVENT B woke on GO: 0", "EVENT C woke on GO: 0",
        "DRIVER after SET_EVENT: 0",
        readers[0] if readers else "READER", readers[1] if len(readers) > 1 else "READER",
        "DRIVER after DISPLAY_BLACKBOARD: 0",
        "DRIVER locked preemption: 0, level 1",
        "DRIVER still running under the lock",
        "LOW WAITER got RESOURCE: 0",    # at UNLOCK_PREEMPTION, not at the signal
        "DRIVER unlocked: 0, level 0",
        "UNLOCK_PREEMPTION not locked: 1",
        "DRIVER owns SHARED DATA: priority 30, owner is me: yes, lock count 1",
        "DRIVER released SHARED DATA: 0, priority 5",
        "RELEASE_MUTEX not owned: 5",
        "WAIT_SEMAPHORE at zero, no wait: 2",
        "WAIT_SEMAPHORE 5 ms: 6, waited at least 5 ms: yes",
        "SIGNAL_SEMAPHORE at its maximum: 1",
        "NEVER value 1 of 1",
        "sync: done",
    ]
    t.equal(after_init, want, "tp_sync's lines after its initialization")
    t.note(f"bystander windows worst {bystander_on_time(t, r.serial)} ns late")


HELLO = r"""/* a hello world as the ARINC 653 tutorials write it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <apex_types.h>
#include <apex_process.h>
#include <apex_partition.h>
#include <apex_time.h>

/* its own copy, as embedded code often brings (the C library's is weak) */
char *strcpy(char *to, const char *from)
{
	char *start = to;

	while ((*to++ = *from++))
		;
	return start;
}

static void hello_world(void)
{
	RETURN_CODE_TYPE ret;
	PROCESS_ID_TYPE me;
	char line[48];
	int i;

	GET_MY_ID(&me, &ret);
	for (i = 0; i < 3; i++) {
		sprintf(line, "hello world %d", i);
		printf("%s from process %d, INT_MAX %d\n", line, me, INT_MAX);
		PERIODIC_WAIT(&ret);
	}
	STOP_SELF();
}

void main(void)
{
	PROCESS_ATTRIBUTE_TYPE attr;
	PROCESS_ID_TYPE pid;
	RETURN_CODE_TYPE ret;
	int unused;

	memset(&attr, 0, sizeof(attr));
	strcpy(attr.NAME, "HELLO WORLD");
	attr.ENTRY_POINT = hello_world;
	attr.STACK_SIZE = 4096;
	attr.BASE_PRIORITY = 1;
	attr.PERIOD = 10000000;
	attr.TIME_CAPACITY = INFINITE_TIME_VALUE;
	attr.DEADLINE = SOFT;
	CREATE_PROCESS(&attr, &pid, &ret);
	START(pid, &ret);
	GET_PROCESS_ID("HELLO WORLD", &pid, &ret);
	printf("GET_PROCESS_ID: %d, abs %d\n", ret, abs(-7));
	SET_PARTITION_MODE(NORMAL, &ret);
}
"""

HELLO_CONFIG = """#include <core/deployment.h>

const struct deployment deployment = {
	.name = "%s",
	.partitions = {
		{ .name = "%s", .image = "%s", .memory_base = MIB(16), .memory_size = KIB(128),
		  .vcpu_count = 1, .apex = { .processes = 2, .stack_bytes = KIB(16) } },
	},
	.major_frame_ns = MS(10),
	.windows = { { .partition = "%s", .offset_ns = 0, .duration_ns = MS(2) } },
	.run_frames = 5,
};
"""

ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def project_make(*args):
    return subprocess.run(["make", "-s", *args], cwd=ROOT, env=ENV, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=240)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


@test("apex third party: a PROJECT folder with only a .c file and partition.mk: a tutorial's "
      "hello world (void main, <stdio.h> <stdlib.h> <string.h> <limits.h>, an uninitialized "
      "attribute structure, sloppy warnings, its own strcpy) builds with its warnings shown and "
      "runs; a C++ source is refused by name")
def _(t):
    with tempfile.TemporaryDirectory(prefix="bulkhead-apex-tp-") as project:
        write(os.path.join(project, "partitions", "tp_hello", "main.c"), HELLO)
        write(os.path.join(project, "partitions", "tp_hello", "partition.mk"),
              "PARTITION_USES := apex\n")
        write(os.path.join(project, "configs", "tp_hello.c"), HELLO_CONFIG % (("tp_hello",) * 4))
        run = project_make(f"PROJECT={project}", "run-kernel", "CONFIG=tp_hello")
        t.true(run.returncode == 0, f"make run-kernel failed:\n{run.stdout[-2000:]}"
                                    f"{run.stderr[-3000:]}")
        t.search(run.stderr, r"main\.c:\d+:\d+: warning: unused variable .unused.",
                 "the build's warnings")
        # a string literal for a NAME_TYPE is no overread: the services stop at its NUL
        t.lacks(run.stderr, "stringop", "the build's warnings")
        serial = run.stdout.replace("\r\n", "\n")
        t.contains(serial, "[tp_hello] GET_PROCESS_ID: 0, abs 7")
        t.equal(re.findall(r"^\[tp_hello\] hello world (\d) from process 1, INT_MAX 2147483647$",
                           serial, re.M), ["0", "1", "2"], "the hello world's lines")
        t.contains(serial, "bulkhead: shutdown")

        write(os.path.join(project, "partitions", "tp_cxx", "main.cpp"), "int main() {}\n")
        write(os.path.join(project, "partitions", "tp_cxx", "partition.mk"),
              "PARTITION_USES := apex\n")
        write(os.path.join(project, "configs", "tp_cxx.c"), HELLO_CONFIG % (("tp_cxx",) * 4))
        cxx = project_make(f"PROJECT={project}", "all", "CONFIG=tp_cxx")
        t.true(cxx.returncode != 0, "a partition of C++ sources must not build")
        t.contains(cxx.stderr, f"{project}/partitions/tp_cxx/main.cpp: C++ sources are not built")


@test("apex third party: the binding's headers compile alone as C99 and C11 with -pedantic-errors "
      "and as C++; the third-party programs compile as strict C99 (-std=c99 -pedantic)",
      group="host")
def _(t):
    cc = shutil.which("i686-elf-gcc") or shutil.which("i686-linux-gnu-gcc")   # as the Makefile
    t.true(cc, "no i686 cross compiler (i686-elf-gcc or i686-linux-gnu-gcc)")
    include = os.path.join(ROOT, "apex", "include")
    base = ["-m32", "-ffreestanding", "-O2", "-Wall", "-Wextra", "-fsyntax-only",
            *(f"-I{os.path.join(ROOT, d)}" for d in ("runtime/include", "include/public",
                                                     "include/lib", "apex/include"))]
    headers = sorted(h for h in os.listdir(include) if h.endswith(".h"))
    t.true(len(headers) >= 14, f"the binding's headers: {headers}")
    for std in ("c99", "c11"):
        for header in headers + ["stdio.h", "string.h", "stdlib.h", "limits.h"]:
            p = subprocess.run([cc, *base, f"-std={std}", "-pedantic-errors", "-Werror",
                                "-x", "c", "-"], capture_output=True, text=True,
                               input=f"#include <{header}>\nint translation_unit;\n")
            t.true(p.returncode == 0, f"<{header}> as {std}: {p.stderr}")
    for header in headers:
        p = subprocess.run(["g++", "-m32", "-std=c++11", "-pedantic-errors", "-Wall", "-Wextra",
                            "-Werror", "-fsyntax-only", f"-I{include}", "-x", "c++", "-"],
                           input=f"#include <{header}>\nint main() {{ return NO_ERROR; }}\n",
                           capture_output=True, text=True)
        t.true(p.returncode == 0, f"<{header}> as C++: {p.stderr}")
    for name in ("tp_flight", "tp_sensor", "tp_display", "tp_sync"):
        source = os.path.join(ROOT, "tests", "partitions", name, "main.c")
        p = subprocess.run([cc, *base, "-std=c99", "-pedantic", source],
                           capture_output=True, text=True)
        t.true(p.returncode == 0, f"{name} as C99: {p.stderr}")
        # all a strict C99 compiler has to say: the binding's entry points are void *
        other = [line for line in p.stderr.splitlines() if "warning:" in line and
                 "function pointer" not in line]
        t.equal(other, [], f"{name}'s warnings as C99 beyond the entry-point casts")
