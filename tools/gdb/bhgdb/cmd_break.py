"""bh-break PARTITION LOCATION: a breakpoint that stops only in that partition."""
import gdb

from . import follow, images, kernel, objects, running
from .command import Subcommand


class PartitionBreakpoint(gdb.Breakpoint):
    """A breakpoint at an address that stops only while the CPU is in partition `pid` (and, with
    `vcpu`, only for that vcpu: a struct vcpu address). Elsewhere it lets the CPU run on."""

    def __init__(self, address, pid, vcpu=None, esp=None, internal=False, temporary=False):
        super().__init__(f"*{address:#x}", internal=internal, temporary=temporary)
        self.pid = pid
        self.vcpu = vcpu
        self.esp = esp

    def stop(self):
        try:
            p = running.partition()
            if p is None or int(p["id"]) != self.pid:
                return False
            if self.vcpu is not None and int(objects.current()) != self.vcpu:
                return False
            if self.esp is not None and \
                    int(gdb.newest_frame().read_register("esp")) & 0xffffffff != self.esp:
                return False
            if follow.enabled():
                follow.load_only(follow.image_of(p))      # before gdb prints where it stopped
        except kernel.READ_ERRORS as e:
            gdb.write(f"bh-break: cannot tell which partition runs ({kernel.describe_error(e)}); "
                      "stopping\n")
        return True


def resolve(path, location):
    """The addresses `location` names in the partition ELF at `path` (loaded for that; the next
    stop loads the running partition's again)."""
    follow.load_only(path)
    try:
        _, sals = gdb.decode_line(location)
    except gdb.error as e:
        raise kernel.Unavailable(f"{location}: {e} (in {path})") from None
    addresses = sorted({sal.pc for sal in sals or () if sal.pc})
    if not addresses:
        raise kernel.Unavailable(f"{location} names no code in {path}")
    return addresses


class Break(Subcommand):
    """A breakpoint in one partition's code: it stops only while that partition runs.

Usage: bh-break PARTITION LOCATION      PARTITION: a name or an id
       e.g. bh-break control commander, bh-break logger main.c:40, bh-break 1 *0x40000110

LOCATION is resolved against that partition's own ELF (build/partitions/<image>.elf), whatever
symbols gdb holds now. Every partition is linked at 0x40000000, so the same address holds other
code in the other partitions: the breakpoint is hit there too, but lets them run on (a plain
`break` would stop in whichever partition reaches the address first). The partition is the one
whose page directory CR3 holds. When it stops, the partition's symbols are loaded before gdb
prints the stop, so the banner, bt and list name its code. delete, disable and condition work on
it as on any breakpoint."""
    name = "break"

    def run(self, arg):
        words = arg.split(None, 1)
        if len(words) != 2:
            gdb.write("usage: bh-break PARTITION LOCATION   (e.g. bh-break control commander)\n")
            return
        image, = images.partition_images(words[0])
        for address in resolve(image.path(), words[1]):
            bp = PartitionBreakpoint(address, image.pid)
            gdb.write(f"bh-break: breakpoint {bp.number} stops only in partition "
                      f"{image.label}\n")
