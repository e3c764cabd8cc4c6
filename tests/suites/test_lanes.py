"""Redundant lanes: one image backs two partitions (tests/configs/lanes.c), each running from its
own memory; the build lists the image once, the kernel finds the one module for both, and a cold
restart of one lane leaves the other untouched."""
import os
import re
import subprocess

from harness import test, boot, build, expect_status, check_windows_on_time, out_dir, BUILD

HM = re.compile(r"^bulkhead: hm: t=[\d.]+ ms partition '(\w+)' vcpu 0: page fault .* -> (.+)$", re.M)


def lanes_boot():
    return boot(config="lanes", timeout=30)


@test("lanes: one image backs two partitions, each counting in its own memory at the same "
      "address")
def _(t):
    r = lanes_boot()
    expect_status(t, r, "shutdown")
    starts = re.findall(r"^\[(lane_\w)\] lane (\d) starts, counter at (0x[0-9a-f]+) is (\d+)$",
                        r.serial, re.M)
    t.equal([(name, lane) for name, lane, _, _ in starts[:2]], [("lane_a", "0"), ("lane_b", "1")],
            "the lanes' first starts, with their partition ids")
    t.equal(len({address for _, _, address, _ in starts}), 1,
            "the counter's virtual address in both lanes")
    # lane_a counts every window of the 12 frames, 1 to 12, never disturbed by lane_b's counting
    # at the same address: their memories are apart
    a = [int(n) for n in re.findall(r"^\[lane_a\] lane 0 counter (\d+)$", r.serial, re.M)]
    t.equal(a, list(range(1, 13)), "lane_a's counter")
    t.lacks(r.serial, "bulkhead: partition 'lane_b': image", "the serial output (no refusal)")
    t.search(r.serial, r"^bulkhead: partition 0 'lane_a': mode COLD_START, windows 12, faults 0, "
                       r"restarts 0")


@test("lanes: cold restarts of one lane start it from a fresh copy of the shared image, the other "
      "lane counts on, on time")
def _(t):
    r = lanes_boot()
    expect_status(t, r, "shutdown")
    t.equal(HM.findall(r.serial), [("lane_b", "cold restart")] * 2 + [("lane_b", "stop partition")],
            "health-monitor events")
    b = [int(n) for n in re.findall(r"^\[lane_b\] lane 1 counter (\d+)$", r.serial, re.M)]
    t.equal(b, [1, 2, 3] * 3, "lane_b's counter, from 1 after each restart")
    t.equal(len(re.findall(r"^\[lane_b\] lane 1 starts, counter at 0x[0-9a-f]+ is 0$", r.serial,
                           re.M)), 3, "lane_b's starts, each with its memory fresh")
    t.search(r.serial, r"^bulkhead: partition 1 'lane_b': mode IDLE, windows 12, faults 3, "
                       r"restarts 2")
    # lane_a's windows next to the restarts of lane_b start within 10 us of the plan
    judged, worst = check_windows_on_time(t, r.serial, ["lane_a"])
    t.equal(len(judged), 11, "lane_a windows judged")
    t.note(f"lane_a windows next to lane_b's restarts: worst {worst} ns late")


@test("lanes: the build lists a shared image once: ISO, GRUB menu and -initrd", group="host")
def _(t):
    build("lanes")
    out = out_dir("lanes")
    with open(os.path.join(out, "grub.cfg")) as f:
        modules = re.findall(r"module (\S+)", f.read())
    t.equal(modules, ["/boot/lane.elf"], "grub.cfg's modules")
    t.equal(sorted(f for f in os.listdir(os.path.join(out, "iso", "boot")) if f.endswith(".elf")),
            ["bulkhead.elf", "lane.elf"], "the ISO's files")
    initrd = subprocess.run([os.path.join(out, "configtool"), "initrd",
                             os.path.join(BUILD, "partitions")], capture_output=True, text=True,
                            check=True).stdout.strip()
    t.equal(initrd, os.path.join(BUILD, "partitions", "lane.elf"), "the -initrd list")
