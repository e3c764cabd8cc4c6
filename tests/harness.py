"""Bulkhead test harness: registers tests, builds configs, boots QEMU and judges serial output.

A test is a function decorated with @test; it receives a Check object and fails by raising
(Check methods raise TestFailure with a message). QEMU boots go through boot(), which builds the
config first (once per config per run), applies a timeout, and returns what the kernel printed.
"""
import importlib.util
import os
import re
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("bulkhead_judge",
                                               os.path.join(ROOT, "tools", "judge.py"))
judge = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(judge)
BUILD = os.path.join(ROOT, "build")
QEMU = os.environ.get("QEMU", "qemu-system-i386")
# the CPU model of every QEMU run, shared with the Makefile and the benchmarks
QEMU_CPU = open(os.path.join(ROOT, "tools", "qemu-cpu")).read().strip()
EXIT_SHUTDOWN = judge.EXIT_SHUTDOWN
EXIT_PANIC = 35

TESTS = []


# a failed judgement is a failed test
TestFailure = judge.Failure


def test(name, group="qemu", slow=False):
    """Registers fn as a test called `name`. group: 'host', 'qemu' or 'gdb'."""
    def register(fn):
        TESTS.append({"name": name, "fn": fn, "group": group, "slow": slow})
        return fn
    return register


class Check:
    def __init__(self, name):
        self.name = name
        self.notes = []

    def note(self, text):
        self.notes.append(text)

    def fail(self, message):
        raise TestFailure(message)

    def true(self, condition, message):
        if not condition:
            raise TestFailure(message)

    def equal(self, got, want, what):
        if got != want:
            raise TestFailure(f"{what}: got {got!r}, want {want!r}")

    def contains(self, text, needle, what="serial output"):
        if needle not in text:
            raise TestFailure(f"{what} lacks {needle!r}")

    def lacks(self, text, needle, what="serial output"):
        if needle in text:
            raise TestFailure(f"{what} unexpectedly has {needle!r}")

    def search(self, text, pattern, what="serial output"):
        m = re.search(pattern, text, re.M)
        if not m:
            raise TestFailure(f"{what} has no match for /{pattern}/")
        return m


_build_locks = {}
_build_lock_guard = threading.Lock()
_built = set()


def out_dir(config):
    return BUILD if config == "demo" else os.path.join(BUILD, "config", config)


def make(*args, check=True):
    """Runs make in the repository; returns the CompletedProcess."""
    proc = subprocess.run(["make", "-s", f"-j{os.cpu_count() or 2}", *args], cwd=ROOT,
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise TestFailure(f"make {' '.join(args)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc


def build(config, target="all", cmdline=None):
    """Builds a config once per run (thread-safe). cmdline goes into the ISO's grub.cfg."""
    with _build_lock_guard:
        lock = _build_locks.setdefault(config, threading.Lock())
    with lock:
        if (config, target, cmdline) in _built:
            return
        make(target, f"CONFIG={config}", *([f"CMDLINE={cmdline}"] if cmdline is not None else []))
        _built.add((config, target, cmdline))


def assume_built(config):
    """boot() builds nothing for config: its caller had make build it (make verify)."""
    with _build_lock_guard:
        _built.add((config, "all", None))


class BootResult:
    def __init__(self, serial, returncode, timed_out, wall):
        self.serial = serial
        self.lines = serial.splitlines()
        self.returncode = returncode
        self.timed_out = timed_out
        self.wall = wall

    @property
    def status(self):
        if self.timed_out:
            return "timeout"
        if self.returncode == EXIT_SHUTDOWN:
            return "shutdown"
        if self.returncode == EXIT_PANIC:
            return "panic"
        return f"exit {self.returncode}"

    def tail(self, n=25):
        return "\n".join(self.lines[-n:])


# QEMU runs in build/ with the kernel's and the modules' paths below it: under -kernel QEMU hands
# those paths to the guest (command line, module strings), and a figure must not depend on where
# the tree is checked out (make run-kernel and tools/bench.py do the same).
QEMU_CWD = BUILD


def qemu_command(config="demo", mode="kernel", cmdline="", icount=True, extra=(), serial="stdio"):
    """QEMU's command line, to run in QEMU_CWD; `serial` is the console's -serial backend (COM1)."""
    out = os.path.relpath(out_dir(config), BUILD)
    cmd = [QEMU, "-m", "128M", "-no-reboot", "-nodefaults", "-display", "none", "-monitor", "none",
           "-serial", serial, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if not any(a == "-cpu" for a in extra):
        cmd += ["-cpu", QEMU_CPU]
    # the CPUs the deployment needs (its `cpus`), as make run gives them, unless the test says
    if not any(a == "-smp" for a in extra):
        cmd += ["-smp", subprocess.run([os.path.join(out_dir(config), "configtool"), "cpus"],
                                       capture_output=True, text=True, check=True).stdout.strip()]
    if icount:
        cmd += ["-icount", "shift=0,sleep=off"]
    if mode == "iso":
        # a display adapter, as make run boots the ISO (Makefile, ISO_DISPLAY)
        cmd += ["-device", "VGA", "-cdrom", os.path.join(out, "bulkhead.iso")]
    else:
        images = subprocess.run([os.path.join(out, "configtool"), "initrd", "partitions"],
                                cwd=BUILD, capture_output=True, text=True, check=True).stdout.strip()
        cmd += ["-kernel", os.path.join(out, "bulkhead.elf"), "-initrd", images]
        if cmdline:
            cmd += ["-append", cmdline]
    return cmd + list(extra)


_boots = {}
_boots_guard = threading.Lock()


def boot(config="demo", mode="kernel", cmdline="", icount=True, timeout=60, extra=(),
         initrd=None, iso=None):
    """Builds and boots a config; returns a BootResult. mode: 'kernel' (-kernel) or 'iso'.
    initrd or iso replace the config's own modules or ISO.
    Deterministic (icount) boots are shared: tests asking for the same boot get one run."""
    key = (config, mode, cmdline, icount, timeout, tuple(extra), initrd, iso)
    if not icount:
        return _boot(*key)
    with _boots_guard:
        entry = _boots.setdefault(key, {"lock": threading.Lock(), "result": None})
    with entry["lock"]:
        if entry["result"] is None:
            entry["result"] = _boot(*key)
        return entry["result"]


def _boot(config, mode, cmdline, icount, timeout, extra, initrd, iso):
    build(config)
    # The console goes to a file, never a pipe: a pipe that the harness drains late (a loaded
    # host) holds QEMU's serial port busy, and under -icount the guest's wait for it is guest
    # time, which made windows late. QEMU's own messages follow the console's.
    fd, serial_path = tempfile.mkstemp(prefix="serial-", suffix=".log", dir=BUILD)
    os.close(fd)
    cmd = qemu_command(config, mode, cmdline, icount, extra, serial=f"file:{serial_path}")
    if initrd is not None:
        cmd[cmd.index("-initrd") + 1] = initrd
    if iso is not None:
        cmd[cmd.index("-cdrom") + 1] = iso
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=QEMU_CWD, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    try:
        out, _ = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        timed_out = True
    try:
        with open(serial_path, "rb") as f:
            out = f.read() + out
    finally:
        os.unlink(serial_path)
    serial = out.decode("utf-8", "replace").replace("\r\n", "\n")
    return BootResult(serial, proc.returncode, timed_out, time.monotonic() - start)


def run_cmdline(config, cmdline):
    """The kernel options make run gives the config (configtool cmdline): `cmdline`, and the
    pacer for a deployment on several CPUs unless it sets one."""
    build(config)
    tool = os.path.join(out_dir(config), "configtool")
    return subprocess.run([tool, "cmdline"] + cmdline.split(), check=True, capture_output=True,
                          text=True).stdout.strip()


def boot_traced(stream, frames, timeout=60, config="demo"):
    """Boots config for `frames` frames with every trace class on, the trace stream (COM2) into
    the file `stream`, with the options make trace gives it; returns the BootResult."""
    os.makedirs(os.path.dirname(stream), exist_ok=True)
    if os.path.exists(stream):
        os.remove(stream)
    return boot(config=config, cmdline=run_cmdline(config, f"frames={frames} trace_classes=all"),
                timeout=timeout, extra=["-serial", f"file:{stream}"])


def expect_status(t, result, status):
    if result.status != status:
        t.fail(f"QEMU ended with {result.status}, expected {status}; last lines:\n{result.tail()}")


# --- the judgement shared with make verify: tools/judge.py -----------------------------------

parse_plan = judge.parse_plan
planned_start = judge.planned_start
window_starts = judge.window_starts
check_windows_on_time = judge.check_windows_on_time
