#!/usr/bin/env python3
"""Bulkhead benchmark: what the kernel's paths cost, measured from ring 3 (docs/bench.md).

Builds CONFIG=bench, boots it under QEMU and reads the BENCH lines its partitions print; then the
same for CONFIG=bench_apex, the APEX layer's paths, and CONFIG=bench_smp on 4 CPUs, the multicore
paths (deployments of their own, so that the kernel's single-CPU figures do not move with them);
boots the demo, and bench_smp, with the boot probe as their first partition for the boot figures,
times the demo's wall clock boot, and counts the kick IPI's instructions in QEMU's execution log
of one bench_smp frame. Prints a table and writes build/bench.json.

  tools/bench.py [--samples N] [--accel tcg|kvm]   this tree
  tools/bench.py --compare REV                     REV (in a temporary git worktree) and this tree
  tools/bench.py --boot-only                       the boot figures only (seconds)

Under TCG the guest runs with -icount shift=0,sleep=off: the TSC counts instructions, so the
figures are exact and repeat from run to run. With --accel kvm they are CPU cycles. The boot
figures are TSC ticks too, and they include the time the kernel spends halted (until frame 0's
first window): under -icount a halted CPU's clock jumps to its next timer, one tick per ns.

QEMU runs in the build folder and is given paths below it: under -kernel the guest reads the
kernel's path (before its command line) and each module's, so an absolute path would make the
figures depend on where the tree is checked out.
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = os.environ.get("QEMU", "qemu-system-i386")
EXIT_SHUTDOWN = 33

# Targets apply to instruction counts (TCG with -icount), on the median.
TARGETS = {
    "hypercall_null": ("<=", 60, "POK: 206"),
    "vcpu_switch_yield": ("<=", 150, ""),
    "partition_switch": ("<=", 200, "POK: 655"),
    "timer_tick_absent": ("turn", 0, "no interrupt inside a window"),
    "vtimer_latency": ("<=", 250, ""),
    "boot_kernel": ("<=", 150000, "demo"),
    "boot_wall_ms": ("<", 250, "POK: ~1,260 ms"),
}
# Reported in this order; anything else a partition prints comes after.
ORDER = ["hypercall_null", "console_write_64", "vcpu_switch_yield", "partition_switch",
         "timer_tick_absent", "vtimer_latency", "upcall_return", "upcall_switch",
         "sampling_write_64", "sampling_read_64", "sampling_write_read_64",
         "queuing_send_64", "queuing_receive_64", "queuing_send_receive_64",
         "apex_get_time", "apex_process_switch", "apex_signal_no_switch",
         "apex_periodic_release", "apex_window_release",
         "apex_send_64", "apex_receive_64", "apex_send_receive_64",
         "smp_partition_switch_cpu0", "smp_partition_switch_cpu1", "smp_partition_switch_cpu2",
         "smp_partition_switch_cpu3", "smp_doorbell", "smp_doorbell_reply", "smp_ipi",
         "boot", "boot_kernel", "boot_wall_ms", "smp_boot", "smp_boot_kernel", "probe_empty"]
# Each pair of sides, timed in two partitions, and the sum reported for the round trip.
SUMS = {"sampling_write_read_64": ("sampling_write_64", "sampling_read_64"),
        "queuing_send_receive_64": ("queuing_send_64", "queuing_receive_64"),
        "apex_send_receive_64": ("apex_send_64", "apex_receive_64")}
# The APEX run's deployment (configs/bench_apex.c), and its partitions' prefix; an older revision
# measured by --compare may have neither.
APEX_CONFIG = "bench_apex"
APEX_IMAGES = "bench_apex_"
# The multicore run's deployment (configs/bench_smp.c, 4 CPUs) and its partitions' prefix: as the
# APEX run, measured only in a revision that has it, with its own partitions.
SMP_CONFIG = "bench_smp"
SMP_IMAGES = "bench_smp_"
# Its partition whose window comes first on CPU 0: the boot probe takes its image.
SMP_FIRST = "bench_smp_bell"
FIGURES = ("min", "median", "p99", "max")
BENCH_LINE = re.compile(r"BENCH metric=(\w+) (.*)$")
BOOT_PROBE = re.compile(r"BENCH boot first_partition_tsc=(\d+)")
ENTRY_TSC = re.compile(r"^bulkhead: entered at tsc (\d+)", re.M)


class BenchError(Exception):
    pass


def kvm_usable():
    return os.access("/dev/kvm", os.R_OK | os.W_OK)


def accelerator(requested):
    if requested == "kvm" and not kvm_usable():
        print("bench: ACCEL=kvm: /dev/kvm is not usable here; falling back to TCG", file=sys.stderr)
        return "tcg"
    return requested


def qemu_base(accel, icount):
    cmd = [QEMU, "-m", "128M", "-no-reboot", "-nodefaults", "-display", "none", "-monitor", "none",
           "-serial", "stdio", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if accel == "kvm":
        cmd += ["-accel", "kvm", "-cpu", "host"]
    else:
        cmd += ["-cpu", open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                          "qemu-cpu")).read().strip()]
        if icount:
            cmd += ["-icount", "shift=0,sleep=off"]
    return cmd


def make(root, *args):
    proc = subprocess.run(["make", "-s", "-j2", *args], cwd=root, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"make {' '.join(args)} in {root} failed:\n"
                         f"{proc.stdout[-3000:]}{proc.stderr[-3000:]}")


def has_apex_bench(root):
    return os.path.exists(os.path.join(root, "configs", APEX_CONFIG + ".c"))


def has_smp_bench(root):
    return os.path.exists(os.path.join(root, "configs", SMP_CONFIG + ".c"))


def smp_option(root, config):
    """QEMU's -smp for the multicore run: the CPUs its deployment needs (configtool cpus); none
    for the others, so that a revision older than `cpus` is measured as it always was."""
    if config != SMP_CONFIG:
        return []
    tool = os.path.join(root, "build", "config", config, "configtool")
    cpus = subprocess.run([tool, "cpus"], capture_output=True, text=True, check=True).stdout
    return ["-smp", cpus.strip()]


def build(root, samples, boot_only=False):
    if not boot_only:
        make(root, "CONFIG=bench", "build/config/bench/bulkhead.elf")
        for config, present in ((APEX_CONFIG, has_apex_bench(root)),
                                (SMP_CONFIG, has_smp_bench(root))):
            if present:
                make(root, f"CONFIG={config}", f"build/config/{config}/bulkhead.elf")
        make(root, "bench-images", f"SAMPLES={samples}")
        make(root, "CONFIG=demo", "build/bulkhead.elf", "partitions")
    else:   # the demo's images and the boot probe
        make(root, "CONFIG=demo", "images", "build/partitions/bench_boot.elf")


def initrd(root, config_out, images_dir):
    """The -initrd list, each image named from build/ (where QEMU runs); both paths from it."""
    tool = os.path.join(root, "build", config_out, "configtool")
    out = subprocess.run([tool, "initrd", images_dir], cwd=os.path.join(root, "build"),
                         capture_output=True, text=True, check=True).stdout.strip()
    return out.split(",")


def run_qemu(cmd, root, timeout):
    try:
        proc = subprocess.run(cmd, cwd=os.path.join(root, "build"), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        tail = (e.stdout or b"").decode("utf-8", "replace").splitlines()[-25:]
        raise BenchError(f"QEMU timed out after {timeout} s; last lines:\n" + "\n".join(tail))
    serial = proc.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
    if proc.returncode != EXIT_SHUTDOWN:
        tail = "\n".join(serial.splitlines()[-25:])
        raise BenchError(f"QEMU exited {proc.returncode}, not a clean shutdown; last lines:\n{tail}")
    return serial


def parse_fields(text):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", text)}


def run_bench_config(root, samples, accel, log, kernel_options="", config="bench"):
    images = initrd(root, f"config/{config}", f"bench/samples-{samples}/partitions")
    cmd = qemu_base(accel, icount=True) + smp_option(root, config) + [
        "-kernel", f"config/{config}/bulkhead.elf", "-initrd", ",".join(images)]
    if kernel_options:
        cmd += ["-append", kernel_options]
    serial = run_qemu(cmd, root, timeout=120 + samples // 10)
    with open(log, "w") as f:
        f.write(serial)
    metrics = {}
    for line in serial.splitlines():
        m = BENCH_LINE.search(line)
        if m:
            metrics[m.group(1)] = parse_fields(m.group(2))
    if "BENCH done" not in serial:
        raise BenchError(f"the benchmark did not finish; see {log}")
    for name, (a, b) in SUMS.items():
        if a in metrics and b in metrics and metrics[a].get("samples") and metrics[b].get("samples"):
            metrics[name] = {f: metrics[a][f] + metrics[b][f] for f in FIGURES}
            metrics[name]["samples"] = min(metrics[a]["samples"], metrics[b]["samples"])
            metrics[name]["derived"] = f"{a} + {b}, figure by figure"
    return metrics


def stats(values):
    ordered = sorted(values)
    n = len(ordered)

    def rank(p):  # nearest rank, as the partitions compute it
        return ordered[max(0, -(-p * n // 100) - 1)]
    return {"samples": n, "min": ordered[0], "median": rank(50), "p99": rank(99),
            "max": ordered[-1]}


def first_partition_index(serial):
    m = re.search(r"^bulkhead: (?:plan )?window 0: partition (\d+) ", serial, re.M)
    if not m:
        raise BenchError("the demo printed no schedule")
    return int(m.group(1))


def wall_boot_ms(root, accel, runs):
    """QEMU start to the first partition line on the serial console, demo, -kernel, no icount."""
    images = initrd(root, ".", "partitions")
    cmd = qemu_base(accel, icount=False) + ["-kernel", "bulkhead.elf", "-initrd", ",".join(images)]
    times, serial = [], ""
    for _ in range(runs):
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=os.path.join(root, "build"), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        seen = []
        try:
            for raw in proc.stdout:
                line = raw.decode("utf-8", "replace")
                seen.append(line)
                if line.startswith("["):
                    times.append((time.monotonic() - start) * 1000.0)
                    break
        finally:
            proc.kill()
            proc.wait()
        serial = "".join(seen)
        if not serial.splitlines() or not serial.splitlines()[-1].startswith("["):
            raise BenchError("the demo printed no partition line:\n" + serial[-2000:])
    return times, serial


def boot_figures(root, accel, runs, demo_serial):
    """The demo with the boot probe in place of its first partition's image."""
    images = initrd(root, ".", "partitions")
    return boot_probe(root, accel, runs, [], "bulkhead.elf", images,
                      first_partition_index(demo_serial), "boot", "")


def smp_boot_figures(root, accel, runs, samples):
    """bench_smp on its 4 CPUs with the boot probe in place of the first window's partition."""
    images = initrd(root, f"config/{SMP_CONFIG}", f"bench/samples-{samples}/partitions")
    first = [os.path.basename(i) for i in images].index(SMP_FIRST + ".elf")
    return boot_probe(root, accel, runs, smp_option(root, SMP_CONFIG),
                      f"config/{SMP_CONFIG}/bulkhead.elf", images, first, "smp_boot", "-smp")


def boot_probe(root, accel, runs, qemu_extra, kernel_elf, images, first, name, log_suffix):
    """Boots with the probe as images[first]: `name` (reset to the probe's first read) and
    `name`_kernel (the kernel's entry to the same), in build/bench-boot<log_suffix>.log."""
    folder = os.path.join("bench", "boot" + log_suffix)
    os.makedirs(os.path.join(root, "build", folder), exist_ok=True)
    # the kernel finds a module by its file name: the probe takes the first partition's
    probe = os.path.join(folder, os.path.basename(images[first]))
    shutil.copyfile(os.path.join(root, "build/partitions/bench_boot.elf"),
                    os.path.join(root, "build", probe))
    images = images[:first] + [probe] + images[first + 1:]
    cmd = qemu_base(accel, icount=True) + qemu_extra + [
        "-kernel", kernel_elf, "-initrd", ",".join(images), "-append", "frames=1"]
    reset, kernel = [], []
    for _ in range(runs):
        serial = run_qemu(cmd, root, timeout=60)
        m = BOOT_PROBE.search(serial)
        if not m:
            raise BenchError("the boot probe printed nothing:\n" + serial[-2000:])
        reset.append(int(m.group(1)))
        e = ENTRY_TSC.search(serial)
        if e:
            kernel.append(int(m.group(1)) - int(e.group(1)))
    with open(os.path.join(root, f"build/bench-boot{log_suffix}.log"), "w") as f:
        f.write(serial)
    figures = {name: stats(reset)}
    if kernel:
        figures[name + "_kernel"] = stats(kernel)
    return figures


# The kick's IPI, from QEMU's execution log of bench_smp's first frame: under -singlestep every
# line of `-d exec,nochain` is one instruction, with the CPU that ran it; the log writes some
# instructions twice in a row (a line repeated for the same CPU and address), which the TSC counts
# once. -dfilter keeps the kernel and the partitions' space (the firmware's boot is left out).
EXEC_LINE = re.compile(rb"^Trace (\d+): \S+ \[[0-9a-f]+/([0-9a-f]+)/")
EXEC_FILTER = "0x100000+0x100000,0x40000000+0x400000"


def cross_tool(name):
    for prefix in (os.environ.get("CROSS", ""), "i686-elf-", "i686-linux-gnu-"):
        if prefix and shutil.which(prefix + name):
            return prefix + name
    raise BenchError(f"no i686 {name} on PATH (CROSS=)")


def symbol(elf, name):
    out = subprocess.run([cross_tool("nm"), elf], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(rf"^([0-9a-f]+) \w {re.escape(name)}$", out, re.M)
    if not m:
        raise BenchError(f"{elf} has no symbol {name}")
    return int(m.group(1), 16)


def icr_write(kernel_elf):
    """The instruction of lapic_ipi that writes the ICR's low word (offset 0x300): the IPI."""
    start = symbol(kernel_elf, "lapic_ipi")
    out = subprocess.run([cross_tool("objdump"), "-d", f"--start-address={start}",
                          f"--stop-address={start + 256}", kernel_elf],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"^\s*([0-9a-f]+):.*\bmov\s+%e\w+,0x300\(%e\w+\)", out, re.M)
    if not m:
        raise BenchError("lapic_ipi: no write of the ICR's low word (0x300) found")
    return int(m.group(1), 16)


def ipi_figures(root, samples):
    """smp_ipi: from the ICR write on CPU 0 to the first instruction of CPU 1's kick entry, for
    each ring of bench_smp_bell's first frame, with the ring's other two parts."""
    kernel_elf = os.path.join(root, "build", "config", SMP_CONFIG, "bulkhead.elf")
    bell_elf = os.path.join(root, "build", "bench", f"samples-{samples}", "partitions",
                            SMP_FIRST + ".elf")
    ring, icr = symbol(bell_elf, "bell_ring_int"), icr_write(kernel_elf)
    kick, upcall = symbol(kernel_elf, "isr_kick"), symbol(bell_elf, "bell_upcall_1")
    images = initrd(root, f"config/{SMP_CONFIG}", f"bench/samples-{samples}/partitions")
    with tempfile.TemporaryDirectory(prefix="bulkhead-exec-") as tmp:
        log = os.path.join(tmp, "exec.log")
        cmd = qemu_base("tcg", icount=True) + smp_option(root, SMP_CONFIG) + [
            "-kernel", f"config/{SMP_CONFIG}/bulkhead.elf", "-initrd", ",".join(images),
            "-append", "frames=1", "-singlestep", "-d", "exec,nochain",
            "-dfilter", EXEC_FILTER, "-D", log]
        run_qemu(cmd, root, timeout=300)
        parts, ipi_on_sender = [], []
        count, previous, at, ring_cpu = 0, None, None, None
        with open(log, "rb") as f:
            for raw in f:
                m = EXEC_LINE.match(raw)
                if not m:
                    continue
                here = (int(m.group(1)), int(m.group(2), 16))
                if here == previous:
                    continue
                previous = here
                cpu, pc = here
                if cpu == 0 and pc == ring:
                    at, sender_count = {"ring": count}, 0
                elif at is not None and cpu == 0 and pc == icr and "icr" not in at:
                    at["icr"], sender_count = count, 0
                elif at is not None and "icr" in at and cpu == 1 and pc == kick and "kick" not in at:
                    at["kick"] = count
                    ipi_on_sender.append(sender_count)
                elif at is not None and "kick" in at and cpu == 1 and pc == upcall:
                    parts.append((at["icr"] - at["ring"], at["kick"] - at["icr"],
                                  count - at["kick"]))
                    at = None
                if at is not None and cpu == 0:
                    sender_count += 1
                count += 1
    if not parts:
        raise BenchError("QEMU's execution log of bench_smp shows no ring from CPU 0 to CPU 1")
    figures = stats([p[1] for p in parts])
    figures.update({
        "sender": stats(ipi_on_sender)["median"],
        "ring_to_icr": stats([p[0] for p in parts])["median"],
        "kick_to_upcall": stats([p[2] for p in parts])["median"],
        "ring_to_upcall": stats([sum(p) for p in parts])["median"],
        "derived": "QEMU -singlestep -d exec log of one frame, instructions of all CPUs"})
    return {"smp_ipi": figures}


def git_revision(root):
    proc = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=root,
                          capture_output=True, text=True)
    return proc.stdout.strip() or "unknown"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def measure(root, samples, accel, wall_runs, boot_runs, kernel_options="", boot_only=False):
    build(root, samples, boot_only)
    os.makedirs(os.path.join(root, "build"), exist_ok=True)
    metrics = {} if boot_only else run_bench_config(root, samples, accel,
                                                     os.path.join(root, "build/bench.log"),
                                                     kernel_options)
    if not boot_only and has_apex_bench(root):
        metrics.update(run_bench_config(root, samples, accel,
                                        os.path.join(root, "build/bench-apex.log"),
                                        kernel_options, config=APEX_CONFIG))
    if not boot_only and has_smp_bench(root):
        metrics.update(run_bench_config(root, samples, accel,
                                        os.path.join(root, "build/bench-smp.log"),
                                        kernel_options, config=SMP_CONFIG))
        if accel != "kvm":   # the instruction log is TCG's
            metrics.update(ipi_figures(root, samples))
    times, demo_serial = wall_boot_ms(root, accel, wall_runs)
    metrics.update(boot_figures(root, accel, boot_runs, demo_serial))
    if not boot_only and has_smp_bench(root):
        metrics.update(smp_boot_figures(root, accel, boot_runs, samples))
    metrics["boot_wall_ms"] = {k: round(v, 1) if isinstance(v, float) else v
                               for k, v in stats(times).items()}
    return metrics


def target_text(name):
    if name not in TARGETS:
        return ""
    op, value, note = TARGETS[name]
    text = "1 loop turn" if op == "turn" else f"{op} {value:,}"
    return f"{text} ({note})" if note else text


def target_met(name, m, accel):
    """yes/no against the target, or '' where none applies (cycles are not instructions)."""
    if name not in TARGETS or "median" not in m:
        return ""
    op, value, _ = TARGETS[name]
    if op == "turn":
        return "yes" if m["max"] == m.get("overhead") and m.get("interruptions", 1) == 0 else "no"
    if accel == "kvm" and name != "boot_wall_ms":
        return "n/a"
    return "yes" if (m["median"] <= value if op == "<=" else m["median"] < value) else "no"


def ordered(metrics):
    return [n for n in ORDER if n in metrics] + sorted(n for n in metrics if n not in ORDER)


def print_table(metrics, accel):
    unit = "cycles" if accel == "kvm" else "instructions (-icount)"
    print(f"figures in {unit}; boot_wall_ms in ms")
    print("boot and boot_kernel: TSC ticks, idle time included (halted until frame 0 starts)"
          + ("" if accel == "kvm" else ": an instruction or a ns of halt each"))
    header = f"{'metric':<24} {'samples':>7} {'min':>10} {'median':>10} {'p99':>10} {'max':>10}  target"
    print(header)
    print("-" * len(header))
    for name in ordered(metrics):
        m = metrics[name]
        if not m.get("samples"):
            print(f"{name:<24} {0:>7}  (no samples)")
            continue
        met = target_met(name, m, accel)
        target = target_text(name) + (f": {met}" if met else "")
        print(f"{name:<24} {m['samples']:>7} " + " ".join(f"{m[f]:>10}" for f in FIGURES)
              + f"  {target}")


def report(root, accel, samples, metrics):
    return {
        "machine": {"uname": " ".join(platform.uname()), "cpu": cpu_model()},
        "accelerator": "kvm" if accel == "kvm" else "tcg -icount shift=0,sleep=off",
        "unit": "cycles" if accel == "kvm" else "instructions",
        "revision": git_revision(root),
        "samples": samples,
        "metrics": {n: dict(metrics[n], target=target_text(n),
                            target_met=target_met(n, metrics[n], accel)) for n in ordered(metrics)},
    }


# The benchmark itself, laid over an older revision so both are measured the same way.
BENCH_FILES = ["configs/bench.c", "mk/bench.mk", "runtime/measure.c"]


def overlay_benchmark(base):
    for path in BENCH_FILES:
        os.makedirs(os.path.dirname(os.path.join(base, path)), exist_ok=True)
        shutil.copyfile(os.path.join(ROOT, path), os.path.join(base, path))
    for name in os.listdir(os.path.join(ROOT, "partitions")):
        # the APEX and multicore runs are not laid over a base: they need the APEX layer, and
        # the CPUs, of their own revision
        if name.startswith("bench_") and not name.startswith((APEX_IMAGES, SMP_IMAGES)):
            shutil.copytree(os.path.join(ROOT, "partitions", name),
                            os.path.join(base, "partitions", name), dirs_exist_ok=True)
    header = os.path.join(base, "runtime/include/bulkhead.h")
    with open(header) as f:
        has_measure = "bh_samples_report" in f.read()
    if not has_measure:
        shutil.copyfile(os.path.join(ROOT, "runtime/include/bulkhead.h"), header)


def compare(args, accel):
    base_dir = tempfile.mkdtemp(prefix="bulkhead-bench-base-")
    os.rmdir(base_dir)
    subprocess.run(["git", "worktree", "add", "--detach", base_dir, args.compare], cwd=ROOT,
                   check=True, capture_output=True, text=True)
    try:
        overlay_benchmark(base_dir)
        print(f"bench: measuring {args.compare} in {base_dir}", flush=True)
        base = measure(base_dir, args.samples, accel, args.wall_runs, args.boot_runs,
                       args.kernel_options)
        base_revision = git_revision(base_dir)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", base_dir], cwd=ROOT,
                       capture_output=True)
    print("bench: measuring this tree", flush=True)
    current = measure(ROOT, args.samples, accel, args.wall_runs, args.boot_runs,
                      args.kernel_options)
    print(f"\nmedians, {args.compare} ({base_revision}) -> this tree ({git_revision(ROOT)}); "
          "ratio < 1: faster now")
    print(f"{'metric':<24} {'base':>10} {'now':>10} {'ratio':>7}")
    ratios = {}
    for name in ordered(current):
        now, was = current[name].get("median"), base.get(name, {}).get("median")
        if now is None or not was:
            print(f"{name:<24} {'-':>10} {now if now is not None else '-':>10} {'-':>7}")
            continue
        ratios[name] = round(now / was, 3)
        print(f"{name:<24} {was:>10} {now:>10} {ratios[name]:>7.3f}")
    out = report(ROOT, accel, args.samples, current)
    out["compare"] = {"base": args.compare, "base_revision": base_revision,
                      "base_metrics": base, "median_ratio": ratios}
    return current, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000, help="samples per metric (1..10000)")
    parser.add_argument("--accel", choices=("tcg", "kvm"), default="tcg")
    parser.add_argument("--compare", metavar="REV", help="also measure REV and print ratios")
    parser.add_argument("--wall-runs", type=int, default=5, help="boots timed on the wall clock")
    parser.add_argument("--boot-runs", type=int, default=1,
                        help="boots of the boot probe (identical under -icount)")
    parser.add_argument("--boot-only", action="store_true",
                        help="only the boot figures (boot, boot_kernel, boot_wall_ms), and the "
                             "boot probe's console in build/bench-boot.log")
    parser.add_argument("--json", default=os.path.join(ROOT, "build/bench.json"))
    parser.add_argument("--kernel-options", default="",
                        help="kernel command line for the benchmark deployment, e.g. "
                             "'trace_classes=all' to measure with the schedule trace on")
    args = parser.parse_args()
    if not 1 <= args.samples <= 10000:
        parser.error("--samples must be 1..10000")
    accel = accelerator(args.accel)
    try:
        if args.compare:
            metrics, out = compare(args, accel)
        else:
            metrics = measure(ROOT, args.samples, accel, args.wall_runs, args.boot_runs,
                              args.kernel_options, args.boot_only)
            out = report(ROOT, accel, args.samples, metrics)
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        return 1
    if accel == "kvm":
        print(f"bench: KVM on {cpu_model()}")
    print()
    print_table(metrics, accel)
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(f"\nbench: wrote {os.path.relpath(args.json, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
