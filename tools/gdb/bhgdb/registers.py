"""A vcpu's user registers: live from the CPU while it runs its own code, else its saved context.
The live ones are those of the CPU gdb has selected (its thread): only its `current` gets them.

The kernel saves a vcpu's registers into the context it runs on (a context_t, arch_vcpu.regs:
user_regs, or the upcall's while an upcall runs) on every entry from ring 3. While the CPU is in
ring 3 those are stale for the running vcpu: the CPU holds the truth.
"""
import gdb

from . import objects, selected_cpu

# Named alike in context_t and in gdb's i386 register set.
_GENERAL = ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp"]
_SEGMENTS = ["cs", "ss", "ds", "es", "fs", "gs"]
_PRIVILEGE_MASK = 3      # the low bits of CS: the privilege level the CPU runs at
_KERNEL_PRIVILEGE = 0
_USER_PRIVILEGE = 3


def cpu_privilege():
    """The CPU's privilege level now (0 kernel, 3 partition), or None with no live CPU."""
    try:
        return int(gdb.newest_frame().read_register("cs")) & _PRIVILEGE_MASK
    except gdb.error:
        return None


def in_partition_code():
    """Whether the CPU runs ring-3 code now (a partition's), not the kernel."""
    return cpu_privilege() == _USER_PRIVILEGE


def runs_in_cpu(v):
    """Whether the CPU is executing v's own (ring-3) code right now."""
    return objects.is_current(v) and cpu_privilege() == _USER_PRIVILEGE


def kernel_works_for(v):
    """Whether the CPU is in the kernel on v's behalf (a hypercall, an interrupt of v)."""
    return objects.is_current(v) and cpu_privilege() == _KERNEL_PRIVILEGE


def _arch(v):
    return v.part("arch", "arch_vcpu")


def context_of(v):
    """The context (Struct("context")) vcpu v runs on."""
    return _arch(v).points_to("regs", "context")


def interrupted_context(v):
    """The context an upcall of v interrupted (kept while the upcall runs)."""
    return _arch(v).part("user_regs", "context")


def in_upcall(v):
    """Whether v runs an upcall, its interrupted context kept in arch_vcpu.user_regs."""
    return _arch(v).u("regs") != _arch(v).at("user_regs")


def saved(context):
    """{register: value} from a Struct("context")."""
    return {name: context.u(name) for name in _GENERAL + ["gs", "fs", "es", "ds", "eip", "esp",
                                                          "eflags", "cs", "ss"]}


def live():
    frame = gdb.newest_frame()
    regs = {}
    for name in _GENERAL + ["esp", "eip", "eflags"] + _SEGMENTS:
        regs[name] = int(frame.read_register(name)) & 0xffffffff
    return regs


def of_vcpu(v):
    """(registers, where from) for vcpu v: live only from the CPU gdb has selected."""
    if runs_in_cpu(v):
        return live(), "live: the CPU is running this vcpu's code"
    elsewhere = objects.current_elsewhere(v)
    if elsewhere is not None:
        return saved(context_of(v)), (f"saved at its last entry into the kernel; it is current "
                                      f"on cpu {elsewhere}: `thread "
                                      f"{selected_cpu.thread_of(elsewhere)}` shows them live")
    return saved(context_of(v)), "saved at its last entry into the kernel"


def entry_of(context):
    """(vector, error code) the context was saved with."""
    return context.u("vector"), context.u("error_code")


def format_registers(regs):
    order = [["eax", "ebx", "ecx", "edx"], ["esi", "edi", "ebp", "esp"],
             ["eip", "eflags"], _SEGMENTS]
    lines = []
    for row in order:
        width = 8 if row is not _SEGMENTS else 4
        lines.append("  ".join(f"{name:<6} {regs[name]:0{width}x}" for name in row))
    return lines
