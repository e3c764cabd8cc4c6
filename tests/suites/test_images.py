"""Malformed partition images are refused at boot, by name and reason, and the rest run on.

Each case boots the demo deployment with one partition's boot module replaced by a file from
tests/elf-corpus/ (tools/make_elf_corpus.py writes them; cases.txt holds the reason the kernel must
give). The partition whose image is replaced moves from case to case, so each partition's refusal
path is taken.
"""
import filecmp
import os
import shutil
import subprocess
import tempfile
from harness import test, boot, build, expect_status, ROOT, BUILD, TestFailure

CORPUS = os.path.join(ROOT, "tests", "elf-corpus")
PARTITIONS = ("sensor", "control", "logger")   # configs/demo.c, in module order


def corpus_cases(part):
    """[(file, reason)] from cases.txt for one part ('header' or 'segments'), in its order."""
    with open(os.path.join(CORPUS, "cases.txt")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    return [(name, reason) for name, p, reason in rows if p == part]


def boot_with_modules(modules):
    """Boots the demo with `modules` ({image: path or None to leave it out}) as the -initrd list."""
    build("demo")
    staging = tempfile.mkdtemp(prefix="images-", dir=BUILD)
    try:
        paths = []
        for image in PARTITIONS:
            source = modules.get(image, os.path.join(BUILD, "partitions", image + ".elf"))
            if source is None:
                continue
            # the kernel knows a module by its file name without ".elf"
            path = os.path.join(staging, image + ".elf")
            shutil.copyfile(source, path)
            paths.append(path)
        return boot(cmdline="frames=2", timeout=30, initrd=",".join(paths))
    finally:
        shutil.rmtree(staging)


def check_others_ran(t, r, absent):
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: summary after 2 major frames")
    t.lacks(r.serial, f"[{absent}] ")
    for other in PARTITIONS:
        if other != absent:
            t.search(r.serial, rf"^\[{other}\] started on vcpu 0")
            t.search(r.serial, rf"^\[{other}\] window 2 start")


def check_cases(t, cases):
    """Boots every case; fails once at the end naming each case that went wrong."""
    failures = []
    for index, (name, reason) in enumerate(cases):
        victim = PARTITIONS[index % len(PARTITIONS)]
        r = boot_with_modules({victim: os.path.join(CORPUS, name)})
        try:
            t.contains(r.serial, f"bulkhead: partition '{victim}': image '{victim}' refused: "
                                 f"{reason}; partition not started")
            check_others_ran(t, r, victim)
        except TestFailure as e:
            failures.append(f"{name} (as '{victim}'): {e}\n{r.tail(8)}")
    t.note(f"{len(cases) - len(failures)} of {len(cases)} images refused with their reason")
    if failures:
        t.fail(f"{len(failures)} of {len(cases)} cases failed:\n" + "\n".join(failures))


@test("images: a malformed ELF header or program header table is refused by reason, others run")
def _(t):
    cases = corpus_cases("header")
    t.true(len(cases) >= 12, f"only {len(cases)} header cases in cases.txt")
    check_cases(t, cases)


@test("images: a malformed or misplaced segment or entry point is refused by reason, others run")
def _(t):
    cases = corpus_cases("segments")
    t.true(len(cases) >= 12, f"only {len(cases)} segment cases in cases.txt")
    check_cases(t, cases)


@test("images: the corpus's valid base image is accepted and runs, so each defect is the cause")
def _(t):
    r = boot_with_modules({"control": os.path.join(CORPUS, "valid.elf")})
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "refused")
    t.search(r.serial, r"^\[control\] minimal image started$")
    for other in ("sensor", "logger"):
        t.search(r.serial, rf"^\[{other}\] window 2 start")


@test("images: a missing boot module is reported with its own message and the others run")
def _(t):
    r = boot_with_modules({"logger": None})
    t.contains(r.serial, "bulkhead: partition 'logger': image 'logger' is not among the boot "
                         "modules; partition not started")
    t.lacks(r.serial, "refused")
    check_others_ran(t, r, "logger")


def boot_iso(replace):
    """Boots an ISO of the demo (frames=2) with the grub.cfg configtool writes and the files of
    /boot in `replace` ({name: path, or None to leave it out}); returns the BootResult."""
    build("demo")
    staging = tempfile.mkdtemp(prefix="iso-", dir=BUILD)
    try:
        boot_dir = os.path.join(staging, "tree", "boot")
        os.makedirs(os.path.join(boot_dir, "grub"))
        shutil.copyfile(os.path.join(BUILD, "bulkhead.elf"), os.path.join(boot_dir, "bulkhead.elf"))
        for image in DEMO_IMAGES:
            shutil.copyfile(os.path.join(BUILD, "partitions", image + ".elf"),
                            os.path.join(boot_dir, image + ".elf"))
        with open(os.path.join(boot_dir, "grub", "grub.cfg"), "w") as f:
            subprocess.run([os.path.join(BUILD, "configtool"), "grub-cfg", "frames=2"], stdout=f,
                           check=True)
        for name, source in replace.items():
            os.remove(os.path.join(boot_dir, name))
            if source:
                shutil.copyfile(source, os.path.join(boot_dir, name))
        iso = os.path.join(staging, "bulkhead.iso")
        subprocess.run(["grub-mkrescue", "-o", iso, os.path.join(staging, "tree")],
                       capture_output=True, check=True)
        return boot(mode="iso", timeout=30, iso=iso)
    finally:
        shutil.rmtree(staging)


DEMO_IMAGES = ("sensor", "control", "logger", "heartbeat", "faulty")   # configs/demo.c


@test("images: an ISO missing a boot module boots to the kernel's own message, the others run, "
      "GRUB waits for no key")
def _(t):
    r = boot_iso({"logger.elf": None})
    t.lacks(r.serial, "Press any key")
    # GRUB leaves the module out without a word: the kernel's message is the only one
    t.lacks(r.serial, "error: ")
    t.contains(r.serial, "bulkhead: partition 'logger': image 'logger' is not among the boot "
                         "modules; partition not started")
    check_others_ran(t, r, "logger")
    for other in ("heartbeat", "faulty"):
        t.search(r.serial, rf"^\[{other}\] ")


@test("images: an ISO whose kernel GRUB cannot load ends by itself with QEMU status 37")
def _(t):
    r = boot_iso({"bulkhead.elf": None})
    t.lacks(r.serial, "Press any key")
    t.contains(r.serial, "bulkhead: GRUB cannot load /boot/bulkhead.elf; halting, QEMU exits 37")
    t.equal(r.status, "exit 37", "how QEMU ended")


@test("images: tests/elf-corpus is what tools/make_elf_corpus.py writes, every file listed",
      group="host")
def _(t):
    with tempfile.TemporaryDirectory() as fresh:
        subprocess.run(["python3", os.path.join(ROOT, "tools", "make_elf_corpus.py"), fresh],
                       check=True)
        written, committed = sorted(os.listdir(fresh)), sorted(os.listdir(CORPUS))
        t.equal(committed, written, "files in tests/elf-corpus")
        _, differ, errors = filecmp.cmpfiles(fresh, CORPUS, written, shallow=False)
        t.equal(differ + errors, [], "files that differ from the generator's output")
    listed = sorted(name for part in ("header", "segments") for name, _ in corpus_cases(part))
    t.equal(listed, sorted(f for f in written if f.endswith(".elf") and f != "valid.elf"),
            "malformed images listed in cases.txt")
