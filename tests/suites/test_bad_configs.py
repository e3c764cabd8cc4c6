"""A deployment the kernel would refuse fails the build with its file, field and reason; so does
one whose image is no partition directory, or whose built image does not fit its partition's
memory. One that only the boot can judge (RAM the machine lacks) is refused at boot and nothing
starts."""
import os
import re
import struct
import subprocess

from harness import test, make, boot, expect_status, out_dir, BUILD, ROOT

# tests/configs/<name>.c -> the field and reason configtool must print for it
BUILD_REFUSALS = {
    "bad_zero_vcpus": "partitions[0].vcpu_count: 0 vcpus; a partition has 1 to 4",
    "bad_overlapping_windows": "windows[1].offset_ns: window starts at 4000000 ns, before the "
                               "previous one on CPU 0 ends (5000000 ns): windows on one CPU must "
                               "not overlap and must be in time order",
    "bad_overlapping_memory": "partitions[1].memory_base: memory of 'logger' overlaps that of "
                              "'sensor'",
    "bad_unknown_window_partition": "windows[1].partition: unknown partition 'control'",
    "bad_port_name_too_long": "channels[0].name: 'altitude_above_mean_sea_level_f...' is 32 "
                              "characters long; a port name has at most 31",
    "bad_partition_after_hole": "partitions[2]: partition 'logger' comes after partitions[1], "
                                "which has no name and so ends the list",
    "bad_priority_beyond_vcpus": "partitions[0].priority: priority[1] is 1, but the partition "
                                 "has 1 vcpu",
    "bad_window_after_frame": "windows[1].offset_ns: window starts at 12000000 ns, at or after "
                              "the end of the major frame (10000000 ns)",
    "bad_window_end_overflow": "windows[0].duration_ns: window of 18446744073709551360 ns "
                               "starting at 300000 ns ends beyond 2^64 ns, past the major frame "
                               "of 1000000 ns",
    "bad_stack_size": "partitions[0].stack_size: 10000 bytes is not a multiple of the 4096-byte "
                      "page",
    "bad_schedule_window_after_frame": "schedules[1].windows[1].duration_ns: window ends at "
                                       "1100000 ns, past the major frame of 1000000 ns",
    "bad_schedule_both_forms": "major_frame_ns: set beside schedules[]: a deployment has either "
                               "one schedule (major_frame_ns and windows[]) or schedules[], not both",
    "bad_schedule_unknown_stop": "partitions[0].hm_stop_schedule: unknown schedule 'degarded'",
    "bad_shm_overlap": "shared_areas[0].base: shared area 'readings' [0x1120000, 0x1122000) "
                       "overlaps the memory of partition 'logger'",
    # several CPUs (docs/smp.md, "Configuration")
    "bad_window_cpu_beyond": "windows[1].cpu: CPU 2; the deployment has 2 CPUs (cpus = 2), "
                             "numbered 0 to 1",
    "bad_windows_overlap_on_cpu": "windows[2].offset_ns: window starts at 4000000 ns, before the "
                                  "previous one on CPU 1 ends (5000000 ns): windows on one CPU "
                                  "must not overlap and must be in time order",
    "bad_vcpu_cpu_missing": "partitions[0].vcpu_cpu: vcpus 0 and 1 take the CPU of their "
                            "partition's windows (vcpu_cpu 0), but those of 'control' lie on "
                            "CPUs 0 and 1: set vcpu_cpu[v] = CPU(n) for each to say which",
    "bad_vcpu_without_window": "partitions[0].vcpu_cpu: vcpu 1 runs on CPU 1, where partition "
                               "'control' has no window (its windows are on CPU 0): it would "
                               "never run",
    "bad_device_off_cpu0": "devices[0].partition: 'sensor' runs vcpu 0 on CPU 1; a partition with "
                           "a device runs every vcpu on CPU 0: device interrupts arrive there "
                           "(the 8259), and CPU 0's TSS holds the I/O bitmap",
}


def block_end(lines, row):
    """The line where the braces opened on `row` (or the first brace after it) close."""
    depth, opened = 0, False
    for i in range(row, len(lines)):
        for ch in lines[i]:
            if ch == "{":
                depth, opened = depth + 1, True
            elif ch == "}":
                depth -= 1
        if opened and depth <= 0:
            return i
    return len(lines) - 1


def entry_row(lines, row, index):
    """The line where entry `index` of the list whose brace opens on `row` begins, or None."""
    depth, seen = 0, -1
    for i in range(row, len(lines)):
        for ch in lines[i]:
            if ch == "{":
                depth += 1
                if depth == 2:
                    seen += 1
                    if seen == index:
                        return i
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return None
    return None


def field_line(config, field):
    """The line of `field` (partitions[1].vcpu_count) in tests/configs/<config>.c, found here
    from the text: the line of its designated initializer, counting entries by their braces, or
    the line that opens the innermost entry written when the field is left out. Independent of
    the compiler's view that configtool uses."""
    with open(os.path.join(ROOT, "tests", "configs", config + ".c")) as f:
        lines = f.read().split("\n")
    row = next(i for i, line in enumerate(lines) if "deployment deployment" in line)
    for name, index in re.findall(r"([a-z_]+)|\[(\d+)\]", field):
        if name:
            found = next((i for i in range(row, block_end(lines, row) + 1)
                          if re.search(rf"\.{name}\s*=", lines[i])), None)
        else:
            found = entry_row(lines, row, int(index))
        if found is None:
            break
        row = found
    return row + 1


def expect_build_refusal(t, config, message):
    """make CONFIG=config fails with `message`, at the line of its field, and leaves nothing to
    boot; returns its output."""
    proc = make(f"CONFIG={config}", check=False)
    output = proc.stdout + proc.stderr
    t.true(proc.returncode != 0, f"make CONFIG={config} succeeded:\n{output[-2000:]}")
    line = field_line(config, message.split(":")[0])
    t.contains(output, f"tests/configs/{config}.c:{line}: error: {message}\n", "make's output")
    for name in ("configtool", "bulkhead.elf", "bulkhead.iso"):
        path = os.path.join(out_dir(config), name)
        t.true(not os.path.exists(path), f"{path} exists after the refusal")
    return output


def _register_build_refusal(config, message):
    @test(f"bad config: {config} fails the build with '{message.split(':')[0]}' and its reason",
          group="host")
    def _(t):
        expect_build_refusal(t, config, message)


for _config, _message in BUILD_REFUSALS.items():
    _register_build_refusal(_config, _message)


@test("bad config: none in two_cpu_windows, whose windows overlap in time on two CPUs, one "
      "partition on both at once: configtool accepts it and gives QEMU its 2 CPUs", group="host")
def _(t):
    config = "two_cpu_windows"
    proc = make(f"CONFIG={config}", "images", check=False)
    output = proc.stdout + proc.stderr
    t.equal(proc.returncode, 0, f"make CONFIG={config} images' status:\n{output[-2000:]}")
    t.lacks(output, "error:", "make's output")
    for name in ("configtool", "images-fit"):
        path = os.path.join(out_dir(config), name)
        t.true(os.path.exists(path), f"{path} is missing after the build")
    cpus = subprocess.run([os.path.join(out_dir(config), "configtool"), "cpus"], cwd=ROOT,
                          capture_output=True, text=True)
    t.equal(cpus.stdout, "2\n", "configtool cpus")


@test("bad config: three errors in one config are all reported, each at its own line, in the "
      "order of the file", group="host")
def _(t):
    config = "bad_three_errors"
    proc = make(f"CONFIG={config}", check=False)
    output = proc.stdout + proc.stderr
    t.true(proc.returncode != 0, f"make CONFIG={config} succeeded:\n{output[-2000:]}")
    expected = [
        ("partitions[1].memory_base", "0x1000800 is not page aligned"),
        ("partitions[1].vcpu_count", "0 vcpus; a partition has 1 to 4"),
        ("partitions[2].image", "partition 'logger' names no image"),
    ]
    got = re.findall(rf"^tests/configs/{config}\.c:(\d+): error: ([^:]+): (.*)$", output, re.M)
    t.equal(got, [(str(field_line(config, field)), field, reason) for field, reason in expected],
            "the errors, with their lines")
    # the lines are those of the marked initializers (the field absent: its entry's line)
    with open(os.path.join(ROOT, "tests", "configs", config + ".c")) as f:
        marked = [i + 1 for i, text in enumerate(f.read().split("\n")) if "error:" in text]
    t.equal([int(line) for line, _, _ in got], [marked[0], marked[1], marked[2] + 1],
            "lines against the markers")
    t.contains(output, f"tests/configs/{config}.c: 3 errors\n", "make's output")
    for name in ("configtool", "bulkhead.elf", "bulkhead.iso"):
        path = os.path.join(out_dir(config), name)
        t.true(not os.path.exists(path), f"{path} exists after the refusal")


@test("bad config: an image that names no partition directory fails the build at once, with "
      "'did you mean' and the directories there are", group="host")
def _(t):
    output = expect_build_refusal(t, "bad_image_typo", "partitions[0].image: no partition "
                                  "directory is called 'sensr'; did you mean 'sensor'?")
    line = field_line("bad_image_typo", "partitions[0].image")
    note = t.search(output, rf"^tests/configs/bad_image_typo\.c:{line}: note: the partition directories "
                            r"are (.*)$", "make's output").group(1)
    groups = dict(group.strip().split(": ", 1) for group in note.split(";"))
    for folder in ("partitions", "tests/partitions"):
        listed = groups.get(folder + "/", "").split(", ")
        there = [d for d in os.listdir(os.path.join(ROOT, folder))
                 if os.path.isdir(os.path.join(ROOT, folder, d))]
        t.equal(sorted(listed), sorted(there), f"directories listed for {folder}/")
    # refused before anything is built or copied (the ISO's cp once failed silently here)
    t.lacks(output, "cannot stat", "make's output")


def image_end(path):
    """Where the ELF's loadable segments end, counted from BH_PARTITION_BASE; read here from the
    program headers, independently of the kernel's elf_check that configtool uses."""
    with open(path, "rb") as f:
        data = f.read()
    phoff, = struct.unpack_from("<I", data, 28)
    phnum, = struct.unpack_from("<H", data, 44)
    headers = [struct.unpack_from("<8I", data, phoff + 32 * i) for i in range(phnum)]
    return max(h[2] + h[5] for h in headers if h[0] == 1 and h[5]) - 0x40000000


# config -> (partition index, image, memory_size, the stack the message names, room for the image)
IMAGE_REFUSALS = {
    "bad_image_too_big": (1, "control", 32768, "the default 16384-byte stack", 12288),
    "bad_image_under_stack": (0, "sensor", 32768, "a 20480-byte stack", 8192),
}


def _register_image_refusal(config, index, image, memory, stack, room):
    @test(f"bad config: {config} fails the build once the images are built, with both sizes",
          group="host")
    def _(t):
        proc = make(f"CONFIG={config}", check=False)
        output = proc.stdout + proc.stderr
        t.true(proc.returncode != 0, f"make CONFIG={config} succeeded:\n{output[-2000:]}")
        line = field_line(config, f"partitions[{index}].image")
        m = t.search(output, rf"^tests/configs/{config}\.c:{line}: error: partitions\[{index}\]\.image: "
                             rf"build/partitions/{image}\.elf needs (\d+) bytes, more than the "
                             rf"{room} that partition '{image}' leaves for its image: {memory} "
                             rf"bytes of memory less {stack} and its 4096-byte guard page$",
                     "make's output")
        needs = int(m.group(1))
        t.equal(needs, image_end(os.path.join(BUILD, "partitions", image + ".elf")),
                "the size configtool gives")
        t.true(needs > room, f"{needs} bytes would fit in {room}")
        # nothing to boot: the ISO waits for the check
        for name in ("images-fit", "bulkhead.iso"):
            path = os.path.join(out_dir(config), name)
            t.true(not os.path.exists(path), f"{path} exists after the refusal")


for _config, _case in IMAGE_REFUSALS.items():
    _register_image_refusal(_config, *_case)


@test("bad config: memory beyond the machine's RAM passes the build, is refused at boot, "
      "nothing starts")
def _(t):
    r = boot(config="beyond_boot_ram", timeout=30)
    expect_status(t, r, "shutdown")
    m = t.search(r.serial,
                 r"^bulkhead: deployment 'beyond_boot_ram' refused: partitions\[1\]\.memory_base: "
                 r"\[0xc800000, 0xc840000\) exceeds the RAM partitions may use "
                 r"\(up to 0x([0-9a-f]+)\)$")
    # the limit the boot used is the machine's 128 MiB, not the 256 MiB the build checked against
    t.true(int(m.group(1), 16) <= 128 << 20,
           f"RAM limit 0x{m.group(1)} is above QEMU's 128 MiB")
    t.search(r.serial, r"^bulkhead: no partition started; shutting down$")
    t.true(not re.search(r"^\[\w+\] ", r.serial, re.M),
           f"a partition printed although none should start:\n{r.tail()}")
    t.lacks(r.serial, "bulkhead: schedule:")


@test("bad config: the boot prints every refusal, one line each, then starts nothing")
def _(t):
    r = boot(config="beyond_boot_ram_twice", timeout=30)
    expect_status(t, r, "shutdown")
    refused = re.findall(r"^bulkhead: deployment 'beyond_boot_ram_twice' refused: "
                         r"(partitions\[\d\]\.memory_base): \[(0x[0-9a-f]+), (0x[0-9a-f]+)\) "
                         r"exceeds the RAM partitions may use", r.serial, re.M)
    # MIB(150) and MIB(200) from the config, 256 KiB each
    t.equal(refused, [("partitions[1].memory_base", hex(150 << 20), hex((150 << 20) + (256 << 10))),
                      ("partitions[2].memory_base", hex(200 << 20), hex((200 << 20) + (256 << 10)))],
            "the refusals")
    t.equal(len(re.findall(r"^bulkhead: no partition started; shutting down$", r.serial, re.M)), 1,
            "'no partition started' lines")
    t.true(not re.search(r"^\[\w+\] ", r.serial, re.M),
           f"a partition printed although none should start:\n{r.tail()}")
