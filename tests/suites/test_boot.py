"""Issue 2: the kernel boots by -kernel and from the GRUB ISO, reports, panics and exits cleanly."""
import re
import subprocess
from harness import test, boot, build, expect_status, out_dir

BANNER = [r"^Bulkhead \S+: a partitioning hypervisor for x86$",
          r"^bulkhead: memory: \d+ KiB usable$",
          r"^bulkhead: command line: ",
          r"^bulkhead: timer: HPET 100000000 Hz one-shot$",
          r"^bulkhead: kernel initialized$"]


@test("boot: ELF by -kernel reaches 'kernel initialized' with the full banner")
def _(t):
    r = boot(cmdline="frames=1", timeout=30)
    expect_status(t, r, "shutdown")
    for pattern in BANNER:
        t.search(r.serial, pattern)
    t.search(r.serial, r"^bulkhead: loader: qemu$")
    # 130559 KiB is what QEMU's -m 128M leaves usable in its memory map
    m = t.search(r.serial, r"^bulkhead: memory: (\d+) KiB usable$")
    t.true(120000 < int(m.group(1)) <= 131072, f"memory total {m.group(1)} KiB is not ~128 MiB")


@test("boot: GRUB ISO reaches 'kernel initialized' and passes the command line through")
def _(t):
    # with -icount, as make run boots it: on the host's clock a loaded machine stalled the guest
    # past whole frames, and the run then stopped a frame or two after the one asked for
    build("demo", cmdline="frames=20")
    r = boot(mode="iso", timeout=60)
    expect_status(t, r, "shutdown")
    for pattern in BANNER:
        t.search(r.serial, pattern)
    t.search(r.serial, r"^bulkhead: loader: GRUB")
    # GRUB says nothing is wrong before the kernel's first line
    t.lacks(r.serial[:r.serial.find("bulkhead: ")], "error", "GRUB's output")
    t.search(r.serial, r"^bulkhead: command line: frames=20$")
    t.contains(r.serial, "bulkhead: summary after 20 major frames")
    for name in ("sensor", "control", "logger"):
        t.contains(r.serial, f"[{name}] started on vcpu 0")
    t.note(f"ISO boot to shutdown: {r.wall:.2f} s wall")


@test("boot: an unknown command-line option is named in a warning and boot goes on")
def _(t):
    r = boot(cmdline="frames=1 colour=blue frames=x", timeout=30)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: warning: unknown or invalid command-line option 'colour=blue' ignored")
    t.contains(r.serial, "bulkhead: warning: unknown or invalid command-line option 'frames=x' ignored")
    t.contains(r.serial, "bulkhead: kernel initialized")


@test("boot: frames=N on the command line stops after N major frames")
def _(t):
    r = boot(cmdline="frames=3", timeout=30)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: summary after 3 major frames")


@test("panic: a kernel page fault prints the cause, registers, CR2, a symbolic backtrace, exits 35")
def _(t):
    r = boot(cmdline="test_fault=page", timeout=30)
    expect_status(t, r, "panic")
    t.search(r.serial, r"bulkhead: PANIC: page fault \(#PF\) in the kernel, error code 0x2, address 0xdead0000")
    t.search(r.serial, r"eip [0-9a-f]{8}  cs 0008  eflags [0-9a-f]{8}")
    t.search(r.serial, r"eax [0-9a-f]{8}  ebx [0-9a-f]{8}  ecx [0-9a-f]{8}  edx [0-9a-f]{8}")
    t.search(r.serial, r"cr2 dead0000")
    t.search(r.serial, r"^\s+[0-9a-f]{8}  fault_on_purpose[.\w]*\+0x[0-9a-f]+$")
    t.search(r.serial, r"^\s+[0-9a-f]{8}  kernel_main\+0x[0-9a-f]+$")
    t.contains(r.serial, "bulkhead: system halted")


@test("panic: a fault inside a hypercall has a whole backtrace, through core_hypercall to the entry")
def _(t):
    # the kernel reads a partition page during memory_protect (SMAP faults): the walk crosses the
    # hot-path files (core/hypercall.c), which frame pointers keep in the chain
    r = boot(config="kernel_touch", cmdline="test_kernel_touch=read", timeout=30)
    expect_status(t, r, "panic")
    trace = t.search(r.serial, r"^  backtrace:\n((?:    [0-9a-f]{8}.*\n)+)").group(1)
    names = re.findall(r"^    [0-9a-f]{8}  (\w+)\+0x[0-9a-f]+$", trace, re.M)
    t.true(names[:2] == ["guest_touch_on_purpose", "hc_memory_protect"] and
           "core_hypercall" in names and names[-1] != "core_hypercall",
           f"the backtrace stops short of the entry below core_hypercall: {names}")


@test("panic: a kernel divide error panics with its name and no CR2 claim")
def _(t):
    r = boot(cmdline="test_fault=divide", timeout=30)
    expect_status(t, r, "panic")
    t.search(r.serial, r"bulkhead: PANIC: divide error \(#DE\) in the kernel, error code 0x0$")


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@test("boot: entered with a wrong magic in eax, the kernel says so and halts", group="gdb")
def _(t):
    import subprocess
    from harness import ROOT, QEMU_CWD, build, out_dir, qemu_command
    build("demo")
    port = free_port()
    cmd = qemu_command("demo", extra=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    qemu = subprocess.Popen(cmd, cwd=QEMU_CWD, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        gdb = subprocess.run(
            ["gdb", "-batch", "-nx", f"{out_dir('demo')}/bulkhead.elf",
             "-ex", f"target remote 127.0.0.1:{port}", "-ex", "hbreak _start", "-ex", "continue",
             "-ex", "set $eax = 0x1234abcd", "-ex", "detach"],
            cwd=ROOT, capture_output=True, text=True, timeout=30)
        t.true("_start" in gdb.stdout, f"gdb did not stop at _start:\n{gdb.stdout}{gdb.stderr}")
        try:
            out, _ = qemu.communicate(timeout=5)
            t.fail("QEMU exited: the kernel should halt, not shut down")
        except subprocess.TimeoutExpired:
            qemu.kill()
            out, _ = qemu.communicate()
    finally:
        qemu.kill()
    serial = out.decode("utf-8", "replace")
    t.contains(serial, "bulkhead: not started by a multiboot loader (eax = 0x1234abcd, "
                       "expected 0x2badb002); halting")
    t.lacks(serial, "kernel initialized")


@test("paging: the kernel's own text is read-only to the kernel: a write to it is a page fault")
def _(t):
    r = boot(cmdline="test_fault=text", timeout=30)
    expect_status(t, r, "panic")
    m = t.search(r.serial, r"bulkhead: PANIC: page fault \(#PF\) in the kernel, error code 0x3, "
                           r"address 0x([0-9a-f]{8})")
    symbols = subprocess.run(["i686-linux-gnu-nm", f"{out_dir('demo')}/bulkhead.elf"],
                             capture_output=True, text=True).stdout
    kernel_main = [line.split()[0] for line in symbols.splitlines() if line.endswith(" kernel_main")]
    t.equal(m.group(1), kernel_main[0], "faulting address (kernel_main)")
