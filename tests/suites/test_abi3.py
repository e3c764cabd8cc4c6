"""ABI 3 (include/public/hypercall.h, issue 18): the kernel side of the APEX layer, in
tests/configs/abi3.c."""
import importlib.util
import os
import re
import shutil
import tempfile
from harness import (test, boot, boot_traced, build, make, expect_status, check_windows_on_time,
                     out_dir, BUILD, QEMU_CPU, ROOT)

BYSTANDERS = ("bystander_a", "bystander_b")


def abi3_boot():
    return boot(config="abi3", timeout=60)


def checks_of(t, serial, partition, count):
    checks = re.findall(rf"^\[{partition}\] check (.*): got (-?\d+) want (-?\d+) (ok|FAIL)$",
                        serial, re.M)
    t.equal(len(checks), count, f"{partition}'s checks")
    t.equal([c for c in checks if c[3] != "ok"], [], f"{partition}'s failed checks")


@test("abi3: partition_info tells memory, image end, stack, vcpus, schedule figures and APEX "
      "limits as the deployment gives them, EFAULT outside memory; the start condition of the "
      "first start, of restarts the partition asks for and of the health monitor's")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    checks_of(t, r.serial, "info_probe", 12)
    starts = re.findall(r"^\[info_probe\] start: partition_info (-?\d+), start condition (\d+), "
                        r"starts (\d+)$", r.serial, re.M)
    # first start; warm restart asked (memory kept); cold restart asked; cold restart by the HM
    t.equal(starts, [("0", "0", "1"), ("0", "1", "2"), ("0", "1", "1"), ("0", "3", "1")],
            "starts: (result, condition, starts counted in memory)")
    t.search(r.serial, r"^bulkhead: hm: t=[\d.]+ ms partition 'info_probe' vcpu 0: general "
                       r"protection \(#GP\) .* -> cold restart$")
    t.contains(r.serial, "[info_probe] info: started by the health monitor")


@test("abi3: a sender blocked in vint_block on its full queue gets the port line when the receiver "
      "takes a message from it, and when it clears it (queuing_clear: the count, EPERM at a source "
      "or a sampling port, EINVAL for a bad handle); port_status of both kinds, its errors")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    checks_of(t, r.serial, "room_tx", 16)
    checks_of(t, r.serial, "room_rx", 12)

    def at(pattern):
        return int(t.search(r.serial, pattern).group(1))

    full = at(r"^\[room_tx\] full, waiting for room at t=(\d+) ns$")
    received = at(r"^\[room_rx\] receive from the full queue at t=(\d+) ns: 16$")
    line1 = at(r"^\[room_tx\] port line 1 at t=(\d+) ns$")
    cleared = at(r"^\[room_rx\] clear of the full queue at t=(\d+) ns$")
    line2 = at(r"^\[room_tx\] port line 2 at t=(\d+) ns$")
    # each line wakes the sender in its next window: within a major frame (1 ms)
    t.true(full < received < line1 < received + 1_000_000,
           f"full at {full}, received at {received}, port line 1 at {line1} ns")
    t.true(line1 < cleared < line2 < cleared + 1_000_000,
           f"port line 1 at {line1}, cleared at {cleared}, port line 2 at {line2} ns")
    t.contains(r.serial, "[room_tx] room: checks done, 0 failed")
    t.contains(r.serial, "[room_rx] room: checks done, 0 failed")


HM_LINE = re.compile(r"^bulkhead: hm: t=[\d.]+ ms partition 'fault_catcher' vcpu 0: ([a-z ]+) "
                     r"\(#\w+\) at eip (0x[0-9a-f]+), address (0x[0-9a-f]+), .*-> ([a-z ]+)$", re.M)


@test("abi3: a delivered divide error, page fault, invalid opcode and stack overflow reach the "
      "partition's upcall on the faulting context (eip at the faulting instruction) with "
      "hm_fault_read's record right, logged '-> deliver', and the vcpu goes on; the other "
      "partitions' windows stay on time")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[fault_catcher] phase 1: checks done, 0 failed")
    delivered = re.findall(r"^\[fault_catcher\] ([a-z ]+) delivered at eip (0x[0-9a-f]+), "
                           r"address (0x[0-9a-f]+)$", r.serial, re.M)
    t.equal([d[0] for d in delivered], ["divide error", "page fault", "invalid opcode",
                                        "stack overflow"], "faults the upcall saw")
    logged = HM_LINE.findall(r.serial)
    t.equal([(e, "0x%x" % int(eip, 16), "0x%x" % int(a, 16)) for e, eip, a, _ in logged[:4]],
            delivered, "the log's events, eip and address against the upcall's record")
    t.equal({x[3] for x in logged[:4]}, {"deliver"}, "actions of the delivered faults")
    judged, worst = check_windows_on_time(t, r.serial, BYSTANDERS)
    t.true(len(judged) >= 150, f"only {len(judged)} bystander windows judged")
    t.note(f"bystander windows worst {worst} ns late")


@test("abi3: a fault the upcall escalates (hm_fault_escalate) takes the deployment's action, "
      "logged again; a restart forgets the record; with delivery disabled, disabled in the shared "
      "page, the fault line masked, or inside the upcall, the deployment's action applies")
def _(t):
    r = abi3_boot()
    expect_status(t, r, "shutdown")
    logged = HM_LINE.findall(r.serial)
    t.equal([(e, a) for e, _, _, a in logged[4:]],
            [("divide error", "deliver"), ("divide error", "warm restart"),
             ("invalid opcode", "warm restart"), ("invalid opcode", "warm restart"),
             ("invalid opcode", "warm restart"), ("page fault", "warm restart")],
            "events and actions after the four delivered")
    t.equal(logged[4][1:3], logged[5][1:3], "the escalated fault's eip and address, logged again")
    t.contains(r.serial, f"[fault_catcher] escalating the fault at eip 0x{int(logged[4][1], 16):x}")
    # phase 2 after the restart it asked for with a record held, the others after the monitor's
    t.contains(r.serial, "[fault_catcher] phase 2: start condition 1")
    for n in range(3, 8):
        t.contains(r.serial, f"[fault_catcher] phase {n}: start condition 3")
    t.contains(r.serial, "[fault_catcher] check phase 2: hm_fault_read after the restart: got -2 "
                         "want -2 ok")
    t.contains(r.serial, "[fault_catcher] done: 0 failed")
    t.lacks(r.serial, "[fault_catcher] FAIL")
    # a fault counts once, handed or escalated
    t.search(r.serial, r"^bulkhead: partition \d 'fault_catcher': mode \w+, windows \d+, faults 9, "
                       r"restarts 5, requested restarts 1$")


def expect_build_refusal(t, config, message):
    """make CONFIG=config fails with `message` at a line of its config and leaves nothing to boot."""
    proc = make(f"CONFIG={config}", check=False)
    output = proc.stdout + proc.stderr
    t.true(proc.returncode != 0, f"make CONFIG={config} succeeded:\n{output[-2000:]}")
    t.search(output, rf"^tests/configs/{config}\.c:\d+: error: {re.escape(message)}$", "make's output")
    for name in ("images-fit", "bulkhead.iso"):
        path = os.path.join(out_dir(config), name)
        t.true(not os.path.exists(path), f"{path} exists after the refusal")


@test("abi3: an image built with the APEX layer (section .bulkhead_apex) in a partition without "
      "APEX limits fails the build, naming partitions[0].apex and the image", group="host")
def _(t):
    expect_build_refusal(t, "bad_apex_without_limits",
                         "partitions[0].apex: build/partitions/apex_marked.elf is built with the "
                         "APEX layer (section .bulkhead_apex), but partition 'apex' gives it no "
                         "APEX limits: set apex.processes and apex.stack_bytes")


@test("abi3: APEX stacks that, above the image, pass vcpu 0's stack guard page fail the build once "
      "the image is built, with the sizes", group="host")
def _(t):
    proc = make("CONFIG=bad_apex_stacks_too_big", check=False)
    output = proc.stdout + proc.stderr
    t.true(proc.returncode != 0, f"make CONFIG=bad_apex_stacks_too_big succeeded:\n{output[-2000:]}")
    m = t.search(output, r"^tests/configs/bad_apex_stacks_too_big\.c:\d+: error: "
                         r"partitions\[0\]\.apex\.stack_bytes: build/partitions/apex_big\.elf needs "
                         r"(\d+) bytes \((\d+) page rounded\) and its APEX stacks 65536 more: more "
                         r"than the 110592 that partition 'apex' leaves for its image and APEX "
                         r"stacks: 131072 bytes of memory less the default 16384-byte stack and "
                         r"its 4096-byte guard page$", "make's output")
    end, rounded = int(m.group(1)), int(m.group(2))
    # apex_big's 64 KiB of bss end in its 20th page (the boot says the same, below)
    t.equal(rounded, 81920, "the image's page-rounded end")
    t.true(rounded - 4096 < end <= rounded, f"{end} bytes rounded up to {rounded}")
    t.true(rounded <= 110592 < rounded + 65536, "the case tested: the image fits, the stacks do not")
    for name in ("images-fit", "bulkhead.iso"):
        t.true(not os.path.exists(os.path.join(out_dir("bad_apex_stacks_too_big"), name)),
               f"{name} exists after the refusal")


def boot_apex_images(modules):
    """Boots apex_images with `modules` ({image: the image file put in its place})."""
    build("apex_images")
    for image in modules.values():   # not the config's: built here
        make(os.path.relpath(os.path.join(BUILD, "partitions", image + ".elf"), ROOT))
    staging = tempfile.mkdtemp(prefix="apex-images-", dir=BUILD)
    try:
        paths = []
        for image in ("apex_marked", "window_clock"):
            path = os.path.join(staging, image + ".elf")
            shutil.copyfile(os.path.join(BUILD, "partitions", modules.get(image, image) + ".elf"),
                            path)
            paths.append(path)
        return boot(config="apex_images", timeout=30, initrd=",".join(paths))
    finally:
        shutil.rmtree(staging)


@test("abi3: the boot runs a marked image with APEX limits, and refuses one without limits "
      "(naming partitions[1].apex and the image) and one whose APEX stacks pass the guard page")
def _(t):
    r = boot(config="apex_images", timeout=30)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[apex] marked image running: APEX limits 4 processes, 65536 bytes of "
                         "stacks")
    t.search(r.serial, r"^\[plain\] window 2 start")
    r = boot_apex_images({"apex_marked": "apex_big", "window_clock": "apex_marked"})
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: partition 'plain': image 'window_clock' refused: it is built "
                         "with the APEX layer (section .bulkhead_apex), but partitions[1].apex "
                         "gives it no limits: set apex.processes and apex.stack_bytes; partition "
                         "not started")
    t.search(r.serial, r"^bulkhead: partition 'apex': image 'apex_marked' refused: it ends at "
                       r"0x40014000, and the 64 KiB of APEX stacks above it "
                       r"\(partitions\[0\]\.apex\.stack_bytes\) pass the guard page at 0x4001b000 "
                       r"below vcpu 0's stack \(image 80 KiB \+ APEX stacks 64 KiB \+ guard 4 KiB "
                       r"\+ stack 16 KiB > memory 128 KiB\); partition not started$")
    t.true(not re.search(r"^\[\w+\] ", r.serial, re.M), f"a refused partition printed:\n{r.tail()}")


@test("abi3: a fault in virtual-8086 mode (QEMU's ring-3 iret with VM, without SMAP) is never "
      "handed to the partition, whatever hm_deliver says: its frame is no context to resume; the "
      "action applies and the bystander's windows stay on time")
def _(t):
    r = boot(config="v86_deliver", timeout=30, extra=("-cpu", QEMU_CPU + ",-smap"))
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[v86_deliver] 2 faults in virtual-8086 mode, none delivered")
    t.lacks(r.serial, "[v86_deliver] FAIL")
    faults = re.findall(r"^bulkhead: hm: t=[\d.]+ ms partition 'v86_deliver' vcpu 0: .* \(#(\w+)\) "
                        r"at eip 0x00001000, .* -> ([a-z ]+)$", r.serial, re.M)
    t.equal(faults, [("PF", "warm restart"), ("PF", "warm restart")], "its faults and their actions")
    judged, worst = check_windows_on_time(t, r.serial, ("bystander",))
    t.true(len(judged) >= 15, f"only {len(judged)} bystander windows judged")


@test("abi3: the trace decoder names a fault handed to the partition '-> deliver'")
def _(t):
    spec = importlib.util.spec_from_file_location("bulkhead_trace",
                                                  os.path.join(ROOT, "tools", "trace.py"))
    decoder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(decoder)
    path = os.path.join(BUILD, "test-trace", "abi3.bin")
    r = boot_traced(path, 3, config="abi3")
    expect_status(t, r, "shutdown")
    trace = decoder.read_trace(path)
    health = [trace.describe(e) for e in trace.events
              if e.name == "HEALTH" and trace.names.get(e.partition) == "fault_catcher"]
    t.equal(health[:4], ["divide_error -> deliver", "page_fault -> deliver",
                         "invalid_opcode -> deliver", "stack_overflow -> deliver"],
            "fault_catcher's first health events in the trace")
