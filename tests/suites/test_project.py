"""Out-of-tree projects (docs/projects.md): `make new-partition NAME=x PROJECT=dir` writes a
partition and a deployment in the user's own folder, `make PROJECT=dir run-kernel CONFIG=x` builds
them against this tree into dir/build/ and boots them, and nothing is written into this tree.
What the guest prints names no folder of the user's: the same project at two paths prints the
same. (Without PROJECT, new-partition writes into the tree: tests/suites/test_targets.py tries
it in a copy.)"""
import os
import re
import subprocess
import tempfile

from harness import test, ROOT
from tree import files_outside_build

# a user's shell: no make of ours around it to pass flags or a jobserver down
ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def make(cwd, *args, timeout=180):
    return subprocess.run(["make", *args], cwd=cwd, env=ENV, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)


def made(t, proc, what):
    t.true(proc.returncode == 0, f"{what} failed (status {proc.returncode}):\n"
                                 f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc.stdout.replace("\r\n", "\n")


def guest_output(stdout):
    """What the guest printed: from the kernel's banner on (make's own lines name paths)."""
    start = stdout.find("\nBulkhead ")
    return stdout[start:] if start >= 0 else stdout


def skeleton_ran(t, serial, name, frames):
    t.search(serial, rf"^bulkhead: deployment '{name}': 1 partitions?, ")
    t.search(serial, rf"^\[{name}\] hello from partition {name}$")
    windows = re.findall(rf"^\[{name}\] window (\d+) at t=\d+ ns$", serial, re.M)
    t.equal([int(w) for w in windows], list(range(1, frames + 1)), f"{name}'s window lines")
    t.search(serial, rf"^bulkhead: partition 0 '{name}': mode NORMAL, windows {frames}, faults 0")
    t.contains(serial, "bulkhead: shutdown")


@test("project: new-partition writes a skeleton outside the tree, run-kernel PROJECT= boots it, "
      "the same at two paths, a Bulkhead name is the project's own, the tree is untouched",
      group="qemu")
def _(t):
    before = files_outside_build(ROOT)
    with tempfile.TemporaryDirectory(prefix="bulkhead-project-") as tmp:
        projects = [os.path.join(tmp, "p"),
                    os.path.join(tmp, "a-much-longer-folder-name-than-the-first", "project")]
        serials = []
        for project in projects:
            out = made(t, make(ROOT, "new-partition", "NAME=hello", f"PROJECT={project}"),
                       "make new-partition")
            t.contains(out, f"wrote {project}/partitions/hello/main.c and "
                            f"{project}/configs/hello.c")
            with open(os.path.join(project, "partitions", "hello", "main.c")) as f:
                t.contains(f.read(), "#include <bulkhead.h>", "the skeleton's main.c")
            serial = made(t, make(ROOT, f"PROJECT={project}", "run-kernel", "CONFIG=hello",
                                  "CMDLINE=frames=3"), "make PROJECT=... run-kernel CONFIG=hello")
            skeleton_ran(t, serial, "hello", 3)
            t.search(serial, r"^bulkhead: command line: config/hello/bulkhead\.elf frames=3$")
            t.true(os.path.isfile(os.path.join(project, "build", "config", "hello",
                                               "bulkhead.elf")), "the kernel in PROJECT/build/")
            t.equal(sorted(os.listdir(os.path.join(project, "build", "partitions"))),
                    ["hello.elf"], "the images PROJECT/build/partitions/ has")
            serials.append(guest_output(serial))
        # a second new-partition of the name overwrites nothing, and says so
        main_c = os.path.join(projects[0], "partitions", "hello", "main.c")
        with open(main_c, "a") as f:
            f.write("/* the user's edit */\n")
        again = make(ROOT, "new-partition", "NAME=hello", f"PROJECT={projects[0]}")
        t.true(again.returncode != 0, "new-partition over an existing partition must fail")
        t.contains(again.stderr, "exists already; nothing written")
        with open(main_c) as f:
            t.contains(f.read(), "the user's edit", "the existing main.c")
        bad = make(ROOT, "new-partition", "NAME=Hello-1", f"PROJECT={projects[0]}")
        t.true(bad.returncode != 0, "NAME=Hello-1 must be refused")
        t.contains(bad.stderr, "NAME=Hello-1: a name starts with a lowercase letter")
        # a partition of a name Bulkhead has too: the project's is built and booted
        out = made(t, make(ROOT, "new-partition", "NAME=logger", f"PROJECT={projects[0]}"),
                   "make new-partition NAME=logger")
        t.contains(out, f"note: {projects[0]}/partitions/logger hides Bulkhead's partitions/logger")
        serial = made(t, make(ROOT, f"PROJECT={projects[0]}", "run-kernel", "CONFIG=logger",
                              "CMDLINE=frames=2"), "make PROJECT=... run-kernel CONFIG=logger")
        skeleton_ran(t, serial, "logger", 2)
        missing = make(ROOT, f"PROJECT={tmp}/nosuch", "all", "CONFIG=hello")
        t.true(missing.returncode != 0, "a PROJECT that does not exist must fail")
        t.contains(missing.stderr, f"PROJECT={tmp}/nosuch: no such directory")
        spaced = make(ROOT, f"PROJECT={tmp}/my project", "all", "CONFIG=hello")
        t.true(spaced.returncode != 0, "a PROJECT with a space must fail")
        t.contains(spaced.stderr, "make cannot build in a folder whose path has a space")
    t.true(serials[0] == serials[1], "the guest printed something else at the second path:\n"
           f"{serials[0][-1500:]}\n---\n{serials[1][-1500:]}")
    after = files_outside_build(ROOT)
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    t.equal(changed, [], "files of the tree (outside build/) the project's build wrote or changed")
