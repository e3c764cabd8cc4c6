"""The kernel's description of itself (include/core/debug_info.h, core/debug_info.c) and the GDB
helpers' use of it: they find every table and field through it, so moving a variable or a field
in the kernel changes the description (computed by the compiler), not the helpers."""
import ast
import glob
import json
import os
import re
import subprocess
import tempfile

import gdb_session
from gdb_session import parse_table
from harness import ROOT, build, out_dir, test

NOT_PYTHON_CLEAN = ("Traceback", "Python Exception", "internal error", "Error occurred in Python")
HELPERS = os.path.join(ROOT, "tools", "gdb", "bhgdb")
# gdb's ways to find a symbol by name: the helpers use none of them
SYMBOL_LOOKUPS = {"lookup_global_symbol", "lookup_static_symbol", "lookup_static_symbols",
                  "lookup_symbol", "read_var", "parse_and_eval"}
# a SIZE whose C type is not "struct <label>"
C_TYPES = {"context": "context_t", "hm_record": "struct bh_hm_record"}
# a SYMBOL whose C object is not named like the label
C_NAMES = {"exception_names": "names", "clock_period_fs": "period_fs",
           "clock_ns_per_tick": "ns_per_tick", "hm_lines_of": "lines_of"}

# Run by gdb on the kernel ELF alone (no target): the description as the helpers read it, and
# what the ELF's DWARF says of the same types and objects.
DWARF_SCRIPT = """
import json, sys
import gdb
sys.path.insert(0, {tools!r})
from bhgdb import description
C_TYPES, C_NAMES = {types!r}, {names!r}
d = description.get()
out = {{"entries": [[k, n, a, v, s] for (k, n), (a, v, s) in d.entries.items()],
        "sizes": {{}}, "symbols": {{}}}}
for (kind, name) in d.entries:
    if kind == "SIZE":
        c_type = C_TYPES.get(name, "struct " + name)
        out["sizes"][name] = gdb.lookup_type(c_type.split(" *")[0]).pointer().sizeof \\
            if c_type.endswith("*") else gdb.lookup_type(c_type).sizeof
    elif kind == "SYMBOL":
        c_name = C_NAMES.get(name, name)
        found = [s for s in [gdb.lookup_global_symbol(c_name)] if s] + \\
            list(gdb.lookup_static_symbols(c_name))
        out["symbols"][name] = [[int(s.value().address), s.type.sizeof] for s in found]
print("@@@" + json.dumps(out))
"""


def helper_sources():
    return sorted(glob.glob(os.path.join(HELPERS, "*.py")))


@test("gdb: the helpers look up no kernel symbol by name: they start from debug_info alone",
      group="host")
def _(t):
    found = []
    for path in helper_sources():
        tree = ast.parse(open(path).read(), path)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else \
                getattr(node.func, "id", "")
            literal = [a.value for a in node.args if isinstance(a, ast.Constant)
                       and isinstance(a.value, str)]
            where = f"{os.path.basename(path)}:{node.lineno}"
            # parse_and_eval of what the user typed (bh-mem) is not a lookup of ours
            if name in SYMBOL_LOOKUPS and (name != "parse_and_eval" or literal):
                found.append(f"{where} {name}({', '.join(literal)})")
            if name == "address_of" and literal:
                found.append(f"{where} address_of({', '.join(literal)})")
    t.equal(found, [], "symbol lookups in tools/gdb/bhgdb")
    t.search(open(os.path.join(HELPERS, "description.py")).read(),
             r'(?m)^SYMBOL = "debug_info"$', "description.py")


@test("gdb: debug_info agrees with the kernel's DWARF: each SIZE, each SYMBOL, each OFFSET "
      "inside its struct", group="gdb")
def _(t):
    build("demo")
    elf = os.path.join(out_dir("demo"), "bulkhead.elf")
    with tempfile.NamedTemporaryFile("w", suffix=".py") as script:
        script.write(DWARF_SCRIPT.format(tools=os.path.dirname(HELPERS), types=C_TYPES,
                                         names=C_NAMES))
        script.flush()
        proc = subprocess.run(["gdb", "-batch", "-nx", "-x", script.name, elf], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("@@@")]
    t.equal(len(lines), 1, f"the script's report (gdb said: {proc.stderr[-2000:]})")
    report = json.loads(lines[0][3:])
    entries = {(k, n): (a, v, s) for k, n, a, v, s in report["entries"]}
    sizes = {n: v for (k, n), (_, v, _) in entries.items() if k == "SIZE"}
    t.true(len(sizes) >= 20, f"structs described: {sorted(sizes)}")
    t.equal(sizes, report["sizes"], "SIZE entries against DWARF's sizeof")
    for (kind, name), (address, value, size) in entries.items():
        if kind == "SYMBOL":
            t.true([address, size] in report["symbols"][name],
                   f"SYMBOL({name}) at {address:#x}, {size} bytes; DWARF's: "
                   f"{report['symbols'][name]}")
        if kind == "OFFSET":
            struct = name.split(".")[0]
            t.true(struct in sizes and 0 < size and value + size <= sizes[struct],
                   f"OFFSET({name}) = {value}, {size} bytes, in SIZE({struct}) "
                   f"{sizes.get(struct)}")
        if kind == "LENGTH" and ("SYMBOL", name) in entries:
            t.true(value and entries[("SYMBOL", name)][2] % value == 0,
                   f"LENGTH({name}) = {value} of {entries[('SYMBOL', name)][2]} bytes")
    t.note(f"{len(entries)} entries, {len(sizes)} structs")


# gdb's symbol lookups made to fail: a helper that used one would stop with an internal error
BLOCK_LOOKUPS = ("python exec(\"def _blocked(*a, **k):\\n    raise RuntimeError('a kernel symbol "
                 "looked up by name: %r' % (a,))\\nfor _n in " +
                 repr(tuple(sorted(SYMBOL_LOOKUPS - {"read_var", "parse_and_eval"}))) +
                 ":\\n    setattr(gdb, _n, _blocked)\")")


@test("gdb: with gdb's symbol lookups blocked every helper still shows everything", group="gdb")
def _(t):
    commands = ["bh-partitions", "bh-vcpus", "bh-vcpu 2", "bh-vcpu 2 bt", "bh-plan", "bh-hmlog",
                "bh-ports", "bh-trace 3", "print $bh_vcpu(2)->id", "print $bh_current_vcpu()->id",
                'print $bh_partition("logger")->id']
    s = gdb_session.run([BLOCK_LOOKUPS, "python gdb.lookup_global_symbol('current')",
                         "bh-break control commander", "continue"] + commands)
    t.contains(s.of("python gdb.lookup_global_symbol('current')"), "a kernel symbol looked up "
               "by name", "the blocked lookup")
    for command in commands + ["bh-break control commander", "continue"]:
        for bad in NOT_PYTHON_CLEAN + ("could not read",):
            t.lacks(s.of(command), bad, f"output of {command!r}")
    t.search(s.of("continue"), r"Breakpoint 1, commander", "the stop")
    t.equal(len(parse_table(s.of("bh-partitions"))), 5, "bh-partitions rows")
    t.equal(len(parse_table(s.of("bh-vcpus"))), 6, "bh-vcpus rows")
    t.search(s.of("bh-vcpu 2"), r"^vcpu 2: partition 1 'control', vcpu 1 of 2, .* state RUNNING",
             "bh-vcpu 2")
    t.search(s.of("bh-vcpu 2 bt"), r"^#0 .* in commander", "bh-vcpu 2 bt")
    t.search(s.of("bh-plan"), r"^current vcpu: vcpu 2 \(control vcpu 1\), RUNNING", "bh-plan")
    t.search(s.of("bh-plan"), r"HPET period 10000000 fs", "the clock's period")
    t.search(s.of("bh-ports"), r"^1 +commands +queuing", "bh-ports")
    t.search(s.of("bh-trace 3"), r"^bh-trace: \d+ records since start", "bh-trace")
    t.equal([s.of(c).strip().split(" = ")[-1] for c in commands[-3:]], ["2", "2", "2"],
            "the convenience functions")


def description_version():
    """The version the kernel's debug_info says (include/core/debug_info.h), which the helpers of
    this tree read."""
    with open(os.path.join(ROOT, "include", "core", "debug_info.h")) as f:
        return int(re.search(r"#define DEBUG_INFO_VERSION (\d+)", f.read()).group(1))


@test("gdb: helpers for another version of debug_info say so instead of misreading",
      group="gdb")
def _(t):
    s = gdb_session.run(["python import bhgdb.description as d; d.VERSION = 99; d._cache.clear()",
                         "break dispatch_start", "continue", "bh-partitions", "bh-vcpus",
                         "print $bh_vcpu(0)"])
    for bad in NOT_PYTHON_CLEAN:
        t.lacks(s.output, bad, "gdb output")
    said = (f"describes itself with debug_info version {description_version()}, but these helpers "
            "read version 99: use the tools/gdb of the kernel's own source tree")
    for command in ("bh-partitions", "bh-vcpus", "print $bh_vcpu(0)"):
        t.contains(s.of(command), said, f"output of {command!r}")
