"""make show: the resolved deployment, checked against numbers found here independently: the
memory, ports and health-monitor settings from configs/demo.c's text, the schedule from the
kernel's own boot lines."""
import os
import re

from harness import test, make, boot, expect_status, parse_plan, ROOT

MIB, KIB = 1 << 20, 1 << 10
FLOOR, RAM_END = 16 * MIB, 256 * MIB          # include/core/limits.h
STACK, PAGE = 16 * KIB, 4 * KIB                # CONFIG_DEFAULT_STACK_SIZE, the guard page


def demo_text():
    with open(os.path.join(ROOT, "configs", "demo.c")) as f:
        return f.read()


def demo_partitions():
    """[(name, image, base, size)] as configs/demo.c writes them."""
    return [(name, image, int(base) * MIB, int(size) * KIB) for name, image, base, size in
            re.findall(r'\.name = "(\w+)",\s*\.image = "(\w+)",\s*\.memory_base = MIB\((\d+)\),'
                       r'\s*\.memory_size = KIB\((\d+)\)', demo_text())]


def show_demo(t):
    proc = make("show", "CONFIG=demo", check=False)
    t.equal(proc.returncode, 0, f"make show's status; stderr:\n{proc.stderr[-2000:]}")
    return proc.stdout


def section(t, output, title):
    """The lines of the section whose first line starts with `title`, up to the blank line."""
    m = t.search(output, rf"^{title}.*\n(?:.+\n)*", f"make show's '{title}' section")
    return m.group(0)


@test("show: the memory map gives each partition's range, image room, guard page and stack, "
      "the gaps and the RAM left, as configs/demo.c places them", group="host")
def _(t):
    memory = section(t, show_demo(t), "memory:")
    parts = sorted(demo_partitions(), key=lambda p: p[2])
    t.equal(len(parts), 5, "partitions found in configs/demo.c")
    at = FLOOR
    for name, image, base, size in parts:
        if base > at:
            t.contains(memory, f"  [0x{at:08x}, 0x{base:08x})  {(base - at) // KIB} KiB free\n",
                       "the memory map")
        t.contains(memory, f"  [0x{base:08x}, 0x{base + size:08x})  {size // KIB} KiB partition "
                           f"'{name}'", "the memory map")
        guard = base + size - STACK - PAGE
        m = t.search(memory, rf"^      image  \[0x{base:08x}, 0x{guard:08x}\)  "
                             rf"{(guard - base) // KIB} KiB for '{image}', (\d+) bytes used$",
                     "the memory map")
        t.true(0 < int(m.group(1)) <= guard - base, f"{name}'s image uses {m.group(1)} bytes")
        t.contains(memory, f"      guard  [0x{guard:08x}, 0x{guard + PAGE:08x})  4 KiB, unmapped\n",
                   "the memory map")
        t.contains(memory, f"      stack  [0x{guard + PAGE:08x}, 0x{base + size:08x})  16 KiB",
                   "the memory map")
        at = base + size
    t.contains(memory, f"  [0x{at:08x}, 0x{RAM_END:08x})  {(RAM_END - at) // KIB} KiB free\n",
               "the memory map")
    used = sum(p[3] for p in parts)
    t.contains(memory, f"  used {used // KIB} KiB by 5 partitions, "
                       f"{(RAM_END - FLOOR - used) // KIB} KiB left\n", "the memory map")


@test("show: each partition's CPU share and the idle time per major frame match the schedule "
      "the kernel prints at boot")
def _(t):
    output = show_demo(t)
    r = boot(cmdline="frames=1", timeout=30)
    expect_status(t, r, "shutdown")
    _, major, windows = parse_plan(r.serial)
    t.true(len(windows) == 5, f"the kernel printed {len(windows)} windows")
    t.contains(output, f"schedule: major frame {major // 1000} us, 5 windows", "make show")
    cpu = section(t, output, "cpu per major frame:")
    for _, name, offset, duration in windows:
        t.contains(output, f"[{offset // 1000} us, {(offset + duration) // 1000} us)  {name}\n",
                   "make show's windows")
    busy = 0
    for name in dict.fromkeys(w[1] for w in windows):
        mine = sum(w[3] for w in windows if w[1] == name)
        busy += mine
        per_mille = mine * 1000 // major
        t.search(cpu, rf"^  {name} +{mine // 1000} us +{per_mille // 10}\.{per_mille % 10}% ",
                 "make show's cpu shares")
    idle = major - busy
    t.true(idle > 0, "the demo's frame has idle time")
    per_mille = idle * 1000 // major
    t.search(cpu, rf"^  idle +{idle // 1000} us +{per_mille // 10}\.{per_mille % 10}%$",
             "make show's idle time")


@test("show: the port graph and the health-monitor table are those of configs/demo.c, and the "
      "checks that passed are listed", group="host")
def _(t):
    output = show_demo(t)
    text = demo_text()
    ports = section(t, output, "ports:")
    channels = re.findall(r'\.name = "(\w+)",\s*\.kind = CHANNEL_(\w+),\s*\.max_message = (\d+),'
                          r'\s*\.(refresh_ns = MS|depth = )\(?(\d+)\)?,\s*\.source = "(\w+)",'
                          r'\s*\.destinations = \{ "(\w+)" \}', text)
    t.equal(len(channels), 2, "channels found in configs/demo.c")
    t.contains(ports, "ports: 2 channels\n", "make show's ports")
    for name, kind, size, what, value, source, destination in channels:
        limit = f"refresh {int(value) * 1000} us" if kind == "SAMPLING" else f"depth {value}"
        t.search(ports, rf"^  {name} +{kind.lower()} +{source} -> {destination}  {size}-byte "
                        rf"messages, {limit}$", "make show's ports")
    health = section(t, output, "health monitor:")
    for name, _, _, _ in demo_partitions():
        expected = ("HM_EVENT_PAGE_FAULT \\(14\\): HM_ACTION_COLD_RESTART" if name == "faulty"
                    else "default actions")
        t.search(health, rf"^  {name} +{expected}; at most 3 restarts in 1000 ms$",
                 "make show's health-monitor table")
    t.true('[HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART' in text,
           "configs/demo.c's faulty restarts cold")
    checks = section(t, output, "checks passed:")
    for check in ("core/config_check.c", "every image is a partition directory",
                  "every built image"):
        t.contains(checks, check, "make show's checks")


@test("show: CONFIG=nosuch fails and lists the configs there are", group="host")
def _(t):
    proc = make("show", "CONFIG=nosuch", check=False)
    t.true(proc.returncode != 0, "make show CONFIG=nosuch succeeded")
    m = t.search(proc.stderr, r"CONFIG=nosuch: no configs/nosuch\.c or tests/configs/nosuch\.c; "
                              r"the configs are: ([\w ]+); tests/configs: ([\w ]+)\.", "make's error")
    for folder, listed in (("configs", m.group(1)), ("tests/configs", m.group(2))):
        there = sorted(f[:-2] for f in os.listdir(os.path.join(ROOT, folder)) if f.endswith(".c"))
        t.equal(sorted(listed.split()), there, f"the configs listed for {folder}/")
    t.true("demo" in m.group(1).split(), "demo is listed")


def config_text(name):
    with open(os.path.join(ROOT, "configs", f"{name}.c")) as f:
        return f.read()


@test("show: io_demo's shared area (range, each user's address and access) and device (ports, "
      "line, vint line), and apex_demo's APEX limits and handed-over fault, as their configs write "
      "them", group="host")
def _(t):
    proc = make("show", "CONFIG=io_demo", check=False)
    t.equal(proc.returncode, 0, f"make show's status; stderr:\n{proc.stderr[-2000:]}")
    text = config_text("io_demo")
    name, base, size = re.search(r'\.name = "(\w+)", \.base = MIB\((\d+)\), \.size = KIB\((\d+)\)',
                                 text).groups()
    base, size = int(base) * MIB, int(size) * KIB
    sharing = section(t, proc.stdout, "shared memory:")
    line = t.search(sharing, rf"^  {name} +\[0x{base:08x}, 0x{base + size:08x}\)  {size // KIB} "
                             rf"KiB:(.*)$", "the shared area's line").group(1)
    users = re.findall(r'\{ \.partition = "(\w+)", \.address = BH_SHM_WINDOW_BASE(,\s*\.writable = '
                       r'true)? \}', text)
    t.equal(len(users), 3, "io_ring's users in configs/io_demo.c")
    for user, writable in users:
        t.contains(line, f"{user} at 0x40400000 {'read-write' if writable else 'read-only'}",
                   "the shared area's users")
    dev, owner, first, count, irq, vint = re.search(
        r'\{ \.name = "(\w+)", \.partition = "(\w+)", \.io = \{ \{ (0x[0-9a-f]+), (\d+) \} \},\s*'
        r'\.irq = IRQ_LINE\((\d+)\), \.vint_line = (\d+)', text).groups()
    first = int(first, 16)
    t.contains(section(t, proc.stdout, "devices:"),
               f"  {dev:<16} {owner}: ports 0x{first:x}-0x{first + int(count) - 1:x}; irq {irq} "
               f"on vint line {vint} of vcpu 0\n", "the device's line")
    proc = make("show", "CONFIG=apex_demo", check=False)
    t.equal(proc.returncode, 0, f"make show's status; stderr:\n{proc.stderr[-2000:]}")
    health = section(t, proc.stdout, "health monitor:")
    limits = re.findall(r'\.name = "(\w+)",\s*\.image.*?\.apex = \{ \.processes = (\d+), '
                        r'\.stack_bytes = KIB\((\d+)\) \}', config_text("apex_demo"), re.S)
    t.equal(len(limits), 3, "APEX partitions in configs/apex_demo.c")
    for part, processes, kib in limits:
        t.search(health, rf"^  {part} .*; APEX: {processes} processes, {kib} KiB of stacks$",
                 f"{part}'s APEX limits")
    t.search(health, r"^  display .*; handed to the partition: HM_EVENT_DIVIDE_ERROR \(0\);",
             "display's handed-over fault")


def ns_of(text):
    """0, US(n) or MS(n) as a config writes a time, in ns."""
    m = re.fullmatch(r"(US|MS)\((\d+)\)", text)
    return int(m.group(2)) * (1000 if m.group(1) == "US" else 1000000) if m else int(text)


@test("show: two CPUs: each CPU's windows and idle time, each partition's share of each CPU's "
      "frame and each vcpu's CPU (declared or derived), as tests/configs/two_cpu_windows.c writes "
      "them", group="host")
def _(t):
    proc = make("show", "CONFIG=two_cpu_windows", check=False)
    t.equal(proc.returncode, 0, f"make show's status; stderr:\n{proc.stderr[-2000:]}")
    with open(os.path.join(ROOT, "tests", "configs", "two_cpu_windows.c")) as f:
        text = f.read()
    windows = [(name, ns_of(offset), ns_of(duration), int(cpu)) for name, offset, duration, cpu in
               re.findall(r'\{ \.partition = "(\w+)", \.offset_ns = ([\w()]+), \.duration_ns = '
                          r'([\w()]+), \.cpu = (\d) \}', text)]
    t.equal(len(windows), 4, "windows found in the config")
    major = ns_of(re.search(r"\.major_frame_ns = ([\w()]+)", text).group(1))
    t.contains(proc.stdout, "3 partitions, 4 vcpus, 2 CPUs\n", "make show's first line")
    t.contains(proc.stdout, f"schedule: major frame {major // 1000} us, 4 windows on 2 CPUs",
               "make show")
    plan = section(t, proc.stdout, "schedule:")
    shares = section(t, proc.stdout, "cpu per major frame, each CPU's apart:")
    for cpu in (0, 1):
        # the CPU's windows in the order of the list, each idle gap before, the rest of the frame
        expected, at, busy = [], 0, {}
        for w, (name, offset, duration, on) in enumerate(windows):
            if on != cpu:
                continue
            if offset > at:
                expected.append(f"  cpu {cpu} idle      [{at // 1000} us, {offset // 1000} us)")
            expected.append(f"  cpu {cpu} window {w:<2} [{offset // 1000} us, "
                            f"{(offset + duration) // 1000} us)  {name}")
            at = offset + duration
            busy[name] = busy.get(name, 0) + duration
        if at < major:
            expected.append(f"  cpu {cpu} idle      [{at // 1000} us, {major // 1000} us)")
        t.contains(plan, "\n".join(expected) + "\n", f"CPU {cpu}'s windows")
        for name, mine in list(busy.items()) + [("idle", major - sum(busy.values()))]:
            per_mille = mine * 1000 // major
            t.search(shares, rf"^  cpu {cpu} {name} +{mine // 1000} us +{per_mille // 10}\."
                             rf"{per_mille % 10}%", f"{name}'s share of CPU {cpu}")
    vcpus = section(t, proc.stdout, "vcpus and their CPUs:")
    partitions = re.findall(r'\{ \.name = "(\w+)", \.image = (.*?)(?=\{ \.name|\.major_frame_ns)',
                            text, re.S)
    t.equal(len(partitions), 3, "partitions found in the config")
    for name, body in partitions:
        count = int(re.search(r"\.vcpu_count = (\d)", body).group(1))
        cpus = [int(c) for c in re.findall(r"CPU\((\d)\)", body)]
        derived = next(on for n, _, _, on in windows if n == name)
        words = ", ".join(f"vcpu {v} on CPU {cpus[v]}" if cpus else
                          f"vcpu {v} on CPU {derived} (derived)" for v in range(count))
        t.search(vcpus, rf"^  {name} +{re.escape(words)}(,|$)", f"{name}'s vcpus")
