"""make's run targets as a new user meets them: on a fresh clone, the first `make run-kernel` boots
every partition of its config. (Its -initrd list was once computed with $(shell) before the
recipe built the configtool that writes it, so the first boot had no boot modules at all.)

The clone is of the repository's HEAD: what this test judges is the last commit."""
import os
import re
import subprocess
import tempfile

from harness import test, ROOT


@test("make: the first run-kernel of a fresh clone boots every partition of its config")
def _(t):
    # a user's shell: no make of ours around it to pass flags or a jobserver down
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    with tempfile.TemporaryDirectory(prefix="bulkhead-clone-") as tmp:
        clone = os.path.join(tmp, "clone")
        subprocess.run(["git", "clone", "-q", ROOT, clone], check=True, capture_output=True)
        proc = subprocess.run(["make", "run-kernel", "CONFIG=ports", "CMDLINE=frames=2"],
                              cwd=clone, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=120)
        serial = proc.stdout.replace("\r\n", "\n")
        t.equal(proc.returncode, 0, f"make run-kernel's status (a shutdown is 0); it printed:\n"
                                    f"{serial[-1500:]}{proc.stderr[-1500:]}")
        images = subprocess.run([os.path.join(clone, "build", "config", "ports", "configtool"),
                                 "images"], capture_output=True, text=True,
                                check=True).stdout.split()
    t.lacks(serial, "is not among the boot modules")
    t.contains(serial, "bulkhead: summary after 2 major frames")
    t.true(len(images) == 5, f"configs ports has 5 partitions, configtool lists {images}")
    for name in images:   # in tests/configs/ports.c each partition is named after its image
        t.search(serial, rf"^bulkhead: partition \d+ '{name}': mode (?!IDLE)")
        t.true(re.search(rf"^\[{name}\] ", serial, re.M), f"partition '{name}' printed nothing")
