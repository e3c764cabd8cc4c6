"""Issue 17, its boot: the CPUs found (ACPI MADT, or the MP table without ACPI) and started, the
banner that lists them, the CPUs a deployment needs (refused on fewer, and at build beyond
CONFIG_MAX_CPUS), and the demo's plan kept whatever the CPU count (docs/smp.md)."""
import os
import re

from harness import test, boot, make, expect_status, check_windows_on_time, out_dir, ROOT

DEMO_WINDOWS = ("sensor", "control", "logger")
FRAMES = 8


def cpus_line(t, serial):
    return t.search(serial, r"^bulkhead: cpus: (.*)$").group(1)


def masked(serial):
    """The lines with every number masked, less those that name the CPUs or depend on the
    firmware's boot time: what must not change with the CPU count."""
    return [re.sub(r"\d+", "N", line) for line in serial.splitlines()
            if not line.startswith(("bulkhead: cpus:", "bulkhead: entered at tsc"))]


def demo(smp, timeout=60):
    r = boot(cmdline=f"frames={FRAMES}", timeout=timeout, extra=["-smp", str(smp)])
    return r


@test("smp: -smp 1 boots the demo as before: one CPU found in the MADT and started, no warning, "
      "every other line as with 2 or 4 CPUs")
def _(t):
    r = boot(cmdline=f"frames={FRAMES}", timeout=60)
    expect_status(t, r, "shutdown")
    t.equal(cpus_line(t, r.serial), "1 found (ACPI MADT), 1 started: apic ids 0", "the CPUs")
    t.lacks(r.serial, "warning")
    t.lacks(r.serial, "did not start")
    # where the line sits in the banner: after the CPU's features, before paging
    t.search(r.serial, r"^bulkhead: cpu: .*\nbulkhead: cpus: .*\nbulkhead: paging: ")
    check_windows_on_time(t, r.serial, DEMO_WINDOWS)
    for smp in (2, 4):
        other = demo(smp)
        expect_status(t, other, "shutdown")
        t.equal(masked(r.serial), masked(other.serial), f"the demo's lines under -smp 1 and {smp}")


def _register_started(smp):
    @test(f"smp: -smp {smp} finds and starts every CPU; the demo keeps its plan, the same output "
          "in two runs")
    def _(t):
        r = demo(smp)
        expect_status(t, r, "shutdown")
        ids = " ".join(str(i) for i in range(smp))
        t.equal(cpus_line(t, r.serial), f"{smp} found (ACPI MADT), {smp} started: apic ids {ids}",
                "the CPUs")
        t.lacks(r.serial, "did not start")
        judged, worst = check_windows_on_time(t, r.serial, DEMO_WINDOWS)
        t.true(len(judged) >= 3 * (FRAMES - 2), f"only {len(judged)} window starts printed")
        # a second run (another timeout, so that the harness does not share the first)
        again = demo(smp, timeout=61)
        t.equal(again.serial, r.serial, f"the serial output of a second run under -smp {smp}")
        epoch = int(t.search(r.serial, r"epoch (\d+) ns").group(1))
        t.note(f"{len(judged)} windows judged, worst {worst} ns late; epoch at {epoch} ns")


for _smp in (2, 4):
    _register_started(_smp)


@test("smp: without ACPI (-no-acpi) the CPUs come from the MP table: SeaBIOS lists one per "
      "package, so two sockets give two")
def _(t):
    r = boot(cmdline="frames=3", timeout=30, extra=["-no-acpi", "-smp", "2,sockets=2,cores=1"])
    expect_status(t, r, "shutdown")
    t.equal(cpus_line(t, r.serial), "2 found (MP table), 2 started: apic ids 0 1", "the CPUs")
    t.lacks(r.serial, "warning")


@test("smp: more CPUs than CONFIG_MAX_CPUS (-smp 10): the first 8 are started, the rest reported")
def _(t):
    r = boot(cmdline="frames=3", timeout=30, extra=["-smp", "10"])
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: warning: 2 more CPUs than CONFIG_MAX_CPUS \(8\) are left out$")
    t.equal(cpus_line(t, r.serial), "8 found (ACPI MADT), 8 started: apic ids 0 1 2 3 4 5 6 7",
            "the CPUs")


@test("smp: the GRUB ISO starts the other CPUs too (its trampoline page is free RAM)")
def _(t):
    r = boot(mode="iso", timeout=60, extra=["-smp", "2"])
    expect_status(t, r, "shutdown")
    t.equal(cpus_line(t, r.serial), "2 found (ACPI MADT), 2 started: apic ids 0 1", "the CPUs")
    t.search(r.serial, r"^bulkhead: loader: GRUB")


@test("smp: a deployment that needs 4 CPUs runs with the -smp 4 its configtool gives QEMU")
def _(t):
    r = boot(config="smp_four", timeout=30)
    expect_status(t, r, "shutdown")
    t.equal(cpus_line(t, r.serial), "4 found (ACPI MADT), 4 started: apic ids 0 1 2 3", "the CPUs")
    t.contains(r.serial, "bulkhead: summary after 5 major frames")
    proc = make("-n", "run-kernel", "CONFIG=smp_four", check=False)
    t.contains(proc.stdout, " -smp $(", "make run-kernel's QEMU command")
    proc = make("-n", "run-kernel", "CONFIG=smp_four", "SMP=3", check=False)
    t.contains(proc.stdout, " -smp 3 ", "make run-kernel SMP=3's QEMU command")


@test("smp: a deployment that needs 4 CPUs booted with -smp 2 is refused, naming both numbers, "
      "and starts nothing")
def _(t):
    r = boot(config="smp_four", timeout=30, extra=["-smp", "2"])
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: deployment 'smp_four' needs 4 CPUs; this machine has 2\n"
                       r"bulkhead: no partition started; shutting down$")
    t.true(not re.search(r"^\[\w+\] ", r.serial, re.M),
           f"a partition printed although none should start:\n{r.tail()}")
    t.lacks(r.serial, "bulkhead: schedule:")


@test("smp: a deployment asking for 9 CPUs fails the build with 'cpus' and its reason",
      group="host")
def _(t):
    config = "bad_cpus_nine"
    proc = make(f"CONFIG={config}", check=False)
    output = proc.stdout + proc.stderr
    t.true(proc.returncode != 0, f"make CONFIG={config} succeeded:\n{output[-2000:]}")
    with open(os.path.join(ROOT, "tests", "configs", config + ".c")) as f:
        line = next(i + 1 for i, text in enumerate(f) if ".cpus =" in text)
    t.contains(output, f"tests/configs/{config}.c:{line}: error: cpus: 9 CPUs; a deployment "
               "needs 1 to 8 (0 means 1)\n", "make's output")
    for name in ("configtool", "bulkhead.elf", "bulkhead.iso"):
        t.true(not os.path.exists(os.path.join(out_dir(config), name)),
               f"{name} exists after the refusal")


@test("smp: each AP has its own GDT (the same selectors), TSS and stack, the kernel's paging, its "
      "local APIC on, and idles in arch_idle with interrupts on until its dispatcher starts; the boot "
      "CPU's APIC is left idle (gdb)", group="gdb")
def _(t):
    import gdb_session
    aps = (1, 2, 3)
    commands = ["break dispatch_start", "continue", "monitor info registers -a",
                "monitor info lapic 0"]
    for n in aps:
        # QEMU's gdbstub shows CPU n as thread n + 1
        commands += [f"thread {n + 1}", "info symbol $pc", "print ($eflags & 0x200) != 0",
                     "print/x $esp", f"print/x (unsigned)&ap_stacks[{n - 1}]",
                     f"monitor info lapic {n}"]
    s = gdb_session.run(commands, config="smp_four", timeout=30)
    registers = s.of("monitor info registers -a")
    cpus = re.split(r"^CPU#\d+", registers, flags=re.M)[1:]
    t.equal(len(cpus), 4, "CPUs in QEMU's register dump")
    same = [re.search(r"CR0=(\S+) CR2=\S+ CR3=(\S+) CR4=(\S+)", c).group(0) for c in cpus]
    t.true(all(x == same[0] for x in same),
           "the APs' CR0, CR3 and CR4 are the boot CPU's:\n" + "\n".join(same))
    gdts = [re.search(r"GDT=\s*(\S+)", c).group(1) for c in cpus]
    t.equal(len(set(gdts)), 4, f"GDT bases all different: {gdts}")
    trs = [re.search(r"^TR =(\S+) (\S+)", c, re.M).groups() for c in cpus]
    t.equal([tr for tr, _ in trs], ["0028"] * 4, "each CPU's TSS selector (its own GDT's)")
    t.equal(len({base for _, base in trs}), 4, f"TSS bases all different: {trs}")
    gss = [re.search(r"^GS =(\S+) (\S+)", c, re.M).groups() for c in cpus]
    t.equal([gs for gs, _ in gss], ["0030"] * 4, "each CPU's per-CPU segment selector")
    t.equal(len({base for _, base in gss}), 4, f"per-CPU segment bases all different: {gss}")
    boot_apic = s.of("monitor info lapic 0")
    for what in ("ISR\t (none)", "IRR\t (none)", "initial_count = 0"):
        t.contains(boot_apic, what, "the boot CPU's local APIC once the APs are started")
    stack_size = 16384
    for n in aps:
        t.contains(s.of("info symbol $pc", n - 1), "arch_idle", f"CPU {n}'s pc")
        t.equal(s.of("print ($eflags & 0x200) != 0", n - 1).split("=")[-1].strip(), "1",
                f"CPU {n}'s interrupt flag")
        esp = int(s.of("print/x $esp", n - 1).split("=")[-1], 16)
        base = int(s.of(f"print/x (unsigned)&ap_stacks[{n - 1}]").split("=")[-1], 16)
        t.true(base < esp <= base + stack_size,
               f"CPU {n}'s esp 0x{esp:x} outside its stack [0x{base:x}, 0x{base + stack_size:x})")
        t.contains(s.of(f"monitor info lapic {n}"), "APIC enabled, focus=off, spurious vec 255",
                   f"CPU {n}'s local APIC")
