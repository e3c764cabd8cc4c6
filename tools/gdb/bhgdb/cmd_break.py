"""bh-break PARTITION LOCATION: a breakpoint that stops only in that partition."""
import gdb

from . import follow, images, kernel
from .command import Subcommand


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
symbols gdb holds now, into a breakpoint at its address with the condition
$bh_in_partition(ID). Every partition is linked at 0x40000000, so the same address holds other
code in the other partitions: the breakpoint is hit there too, but the condition lets them run
on (a plain `break` would stop in whichever partition reaches the address first). The partition
is the one whose page directory CR3 holds. When it stops, the partition's symbols are loaded
before gdb prints the stop, so the banner, bt and list name its code. delete, disable and
info breakpoints work on it as on any breakpoint; to add a condition of your own, keep its
own: condition N $bh_in_partition(ID) && count > 3."""
    name = "break"

    def run(self, arg):
        words = arg.split(None, 1)
        if len(words) != 2:
            gdb.write("usage: bh-break PARTITION LOCATION   (e.g. bh-break control commander)\n")
            return
        image, = images.partition_images(words[0])
        for address in resolve(image.path(), words[1]):
            bp = gdb.Breakpoint(f"*{address:#x}")
            bp.condition = f"$bh_in_partition({image.pid})"
            gdb.write(f"bh-break: breakpoint {bp.number} stops only in partition "
                      f"{image.label}\n")
