"""Convenience functions for expressions: $bh_vcpu(n), $bh_current_vcpu(), $bh_partition(x),
$bh_in_partition(x)."""
import gdb

from . import description, follow, images, kernel, objects, running, target


def _guarded(compute):
    """Runs compute(); what cannot be read becomes a gdb error message, not a traceback."""
    try:
        target.require_attached()
        return compute()
    except kernel.READ_ERRORS as e:
        raise gdb.GdbError(kernel.describe_error(e)) from None


def _text(value):
    """A gdb.Value argument as text: a string literal, a char pointer, or a number."""
    t = value.type.strip_typedefs()
    if t.code in (gdb.TYPE_CODE_ARRAY, gdb.TYPE_CODE_PTR) and \
            t.target().strip_typedefs().code == gdb.TYPE_CODE_INT and t.target().sizeof == 1:
        return value.string()
    return str(int(value))


class VcpuFunction(gdb.Function):
    """$bh_vcpu(N): pointer to vcpu N of the pool (struct vcpu *), N as bh-vcpus numbers them.
E.g. print $bh_vcpu(2)->arch.irq"""

    def __init__(self):
        super().__init__("bh_vcpu")

    def invoke(self, n):
        return _guarded(lambda: objects.vcpu(int(n)).typed("struct vcpu"))


class CurrentVcpuFunction(gdb.Function):
    """$bh_current_vcpu(): the running vcpu (struct vcpu *) of the CPU gdb has selected, NULL
while it idles.
E.g. break commander if $bh_current_vcpu()->partition->id == 1"""

    def __init__(self):
        super().__init__("bh_current_vcpu")

    def invoke(self):
        return _guarded(lambda: description.Struct("vcpu", objects.current()).typed("struct vcpu"))


class PartitionFunction(gdb.Function):
    """$bh_partition(ID or "NAME"): pointer to that partition (struct partition *).
E.g. print $bh_partition("control")->stats"""

    def __init__(self):
        super().__init__("bh_partition")

    def invoke(self, selector):
        return _guarded(lambda: objects.partition(_text(selector)).typed("struct partition"))


def _in_partition(selector):
    image, = images.partition_images(selector)
    p = running.partition()
    if p is None or p.u("id") != image.pid:
        return 0
    if follow.enabled():
        follow.load_only(image.path())     # before gdb prints the stop it is part of
    return 1


class InPartitionFunction(gdb.Function):
    """$bh_in_partition(ID or "NAME"): 1 while the CPU is in that partition (its page directory
is the one loaded), else 0; when 1 it also loads the partition's symbols, so that a breakpoint
stop it lets through is printed with them. bh-break's condition.
E.g. break *0x40000010 if $bh_in_partition("beta")"""

    def __init__(self):
        super().__init__("bh_in_partition")

    def invoke(self, selector):
        return _guarded(lambda: _in_partition(_text(selector)))
