"""A deployment the kernel would refuse fails the build with its file, field and reason; one that
only the boot can judge (RAM the machine lacks) is refused at boot and nothing starts."""
import os
import re

from harness import test, make, boot, expect_status, out_dir

# tests/configs/<name>.c -> the field and reason configtool must print for it
BUILD_REFUSALS = {
    "bad_zero_vcpus": "partitions[0].vcpu_count: 0 vcpus; a partition has 1 to 4",
    "bad_overlapping_windows": "windows[1].offset_ns: window starts at 4000000 ns, before the "
                               "previous one ends (5000000 ns): windows must not overlap and "
                               "must be in time order",
    "bad_overlapping_memory": "partitions[1].memory_base: memory of 'logger' overlaps that of "
                              "'sensor'",
    "bad_unknown_window_partition": "windows[1].partition: unknown partition 'control'",
}


def _register_build_refusal(config, message):
    @test(f"bad config: {config} fails the build with '{message.split(':')[0]}' and its reason",
          group="host")
    def _(t):
        proc = make(f"CONFIG={config}", check=False)
        output = proc.stdout + proc.stderr
        t.true(proc.returncode != 0, f"make CONFIG={config} succeeded:\n{output[-2000:]}")
        t.contains(output, f"tests/configs/{config}.c: error: {message}\n", "make's output")
        # nothing half-built is left to boot
        for name in ("configtool", "bulkhead.elf", "bulkhead.iso"):
            path = os.path.join(out_dir(config), name)
            t.true(not os.path.exists(path), f"{path} exists after the refusal")


for _config, _message in BUILD_REFUSALS.items():
    _register_build_refusal(_config, _message)


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
