"""Issue 7: cppcheck and clang-tidy find nothing in the kernel, the runtime and the library.
Issue 16: core, the CPU layer and the PC's devices keep to their places."""
import os
import re

from harness import test, make, ROOT


@test("static analysis: cppcheck is clean", group="host")
def _(t):
    proc = make("cppcheck", check=False)
    t.true(proc.returncode == 0, f"cppcheck findings:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")


@test("static analysis: clang-tidy is clean", group="host", slow=True)
def _(t):
    proc = make("clang-tidy", check=False)
    t.true(proc.returncode == 0, f"clang-tidy findings:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")


# --- layers (issue 16, point 4): core, the CPU (arch/x86) and the PC's devices (platform/pc) ---

# The headers of the arch and the platform that core includes by these fixed names (found through
# -Iinclude/arch/x86 and -Iinclude/platform/pc): another CPU or machine provides files of the same
# names, and core does not change. Everything else core includes is its own, lib/ or public/.
CORE_INTERFACE_HEADERS = {"arch_vcpu.h", "arch_switch.h", "arch_cpu.h", "platform_timer.h"}
# The platform's header that the arch's interrupt entry includes by its fixed name.
ARCH_PLATFORM_HEADERS = {"platform_irq.h"}
# The C standard headers a freestanding compiler provides.
C_HEADERS = {"float.h", "iso646.h", "limits.h", "stdalign.h", "stdarg.h", "stdbool.h", "stddef.h",
             "stdint.h", "stdnoreturn.h"}
# The PC's device drivers and their headers, which arch/x86 must not hold.
PC_DRIVERS = ["hpet", "pic", "uart"]
PORT_IO = re.compile(r"\b(?:ins?[bwl]|outs?[bwl])\s*\(")
# what only the CPU layer does besides
PRIVILEGED = re.compile(r"\b(?:rdmsr|wrmsr)\s*\(|\b(?:__asm__|asm)\b")
# a constant address cast to a volatile pointer: device memory
MMIO = re.compile(r"\(\s*(?:const\s+)?volatile\b[^()]*\*\s*\)\s*(?:\(\s*uintptr_t\s*\)\s*)?"
                  r"(0[xX][0-9a-fA-F]+|\d+)[uUlL]*")
# core's one constant volatile address, and why it is no device: test_fault=kernel-write's
# unmapped page (core/main.c)
CORE_ADDRESSES = {("core/main.c", "0xdead0000")}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def sources(*folders):
    """(path relative to ROOT, text) of every .c and .h file in the folders."""
    for folder in folders:
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if name.endswith((".c", ".h")):
                path = f"{folder}/{name}"
                with open(os.path.join(ROOT, path)) as f:
                    yield path, f.read()


def code_only(text):
    """The text without comments and string literals, line numbers kept."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    return re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"', blank, text, flags=re.S)


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


@test("layers: core includes only core/, lib/, public/, C headers and the fixed interface names",
      group="host")
def _(t):
    bad = []
    for path, text in sources("core", "include/core"):
        for m in INCLUDE.finditer(text):
            name = m.group(2)
            if m.group(1) == '"' or not (name.split("/")[0] in ("core", "lib", "public") and
                                         "/" in name or name in C_HEADERS or
                                         name in CORE_INTERFACE_HEADERS):
                bad.append(f"{path}:{line_of(text, m.start())}: {m.group(0).strip()}")
    t.true(not bad, "core includes what is neither its own, lib/, public/, a C header nor one of "
           f"{sorted(CORE_INTERFACE_HEADERS)} (tests/suites/test_static.py):\n" + "\n".join(bad))


@test("layers: core does no port I/O, MSR access, inline assembly or device-memory access",
      group="host")
def _(t):
    bad = []
    for path, text in sources("core", "include/core"):
        code = code_only(text)
        for m in [*PORT_IO.finditer(code), *PRIVILEGED.finditer(code)]:
            bad.append(f"{path}:{line_of(code, m.start())}: {m.group(0).strip()}")
        for m in MMIO.finditer(code):
            if (path, m.group(1).lower()) not in CORE_ADDRESSES:
                bad.append(f"{path}:{line_of(code, m.start())}: {m.group(0)}")
    t.true(not bad, "core reaches the hardware itself (the arch and the platform do, behind "
           "core/arch.h and core/platform.h):\n" + "\n".join(bad))


@test("layers: the PC's device drivers live in platform/pc; arch/x86 does no port I/O and names "
      "no device", group="host")
def _(t):
    missing = [p for d in PC_DRIVERS for p in (f"platform/pc/{d}.c", f"include/platform/pc/{d}.h")
               if not os.path.exists(os.path.join(ROOT, p))]
    t.true(not missing, f"the PC's drivers are not all in platform/pc: missing {missing}")
    bad = []
    platform_headers = set(os.listdir(os.path.join(ROOT, "include/platform/pc")))
    for path, text in sources("arch/x86", "include/arch/x86"):
        if any(os.path.basename(path) == f"{d}.{x}" for d in PC_DRIVERS for x in "ch"):
            bad.append(f"{path}: a PC device driver in the CPU layer")
        code = code_only(text)
        # io.h defines the port instructions, for the platform's drivers; the CPU needs none
        for m in PORT_IO.finditer(code):
            if not path.endswith("/io.h"):
                bad.append(f"{path}:{line_of(code, m.start())}: {m.group(0).strip()}")
        for m in INCLUDE.finditer(text):
            name = m.group(2)
            if name in platform_headers and name not in ARCH_PLATFORM_HEADERS:
                bad.append(f"{path}:{line_of(text, m.start())}: #include <{name}>")
    t.true(not bad, "arch/x86 holds the CPU only (the PC's devices are platform/pc's; the arch "
           f"includes only {sorted(ARCH_PLATFORM_HEADERS)} of them):\n" + "\n".join(bad))
