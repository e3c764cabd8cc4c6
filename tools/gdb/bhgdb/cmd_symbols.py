"""bh-symbols: load partition ELFs' symbols into gdb; turn symbol following on or off."""
import os

import gdb

from . import elf_symbols, follow, images, kernel
from .command import Subcommand


class Symbols(Subcommand):
    """Load a partition's symbols now, or turn off the loading that follows the partition.

Usage: bh-symbols            every partition's ELF (names they share are ambiguous)
       bh-symbols NAME       only partition NAME's (a name or an id)
       bh-symbols follow on|off

Symbols follow the partition: at every stop the helpers load the ELF of the partition the CPU
is in (build/partitions/<image>.elf, the image its config names) in place of any other
partition's, so bt, list, print and frame name its code. The kernel's symbols stay loaded.
bh-symbols NAME loads one partition's symbols before it runs (for list, info address, or a
plain break), until the next stop. Every partition is linked at 0x40000000: a plain break at a
partition address stops in whichever partition reaches it first; bh-break stops only in one.
"follow off" keeps what is loaded (add-symbol-file/remove-symbol-file by hand); "follow on"
is the default. Before partition_init the partitions come from the deployment compiled into
the kernel."""
    name = "symbols"

    def run(self, arg):
        words = arg.split()
        if words[:1] == ["follow"]:
            if words[1:] not in (["on"], ["off"]):
                gdb.write("usage: bh-symbols follow on|off\n")
                return
            follow.set_enabled(words[1] == "on")
            gdb.write(f"bh-symbols: symbols follow the running partition: {words[1]}\n")
            if words[1] == "on":
                follow.follow()
            return
        wanted = images.partition_images(arg or None)
        if len(wanted) == 1:
            self._load_one(wanted[0])
            return
        loaded = {os.path.realpath(o.filename) for o in gdb.objfiles() if o.filename}
        for image in wanted:
            try:
                path = image.path()
                base = elf_symbols.functions_of(path).starts[0]
            except kernel.READ_ERRORS as e:
                gdb.write(f"partition {image.label}: {kernel.describe_error(e)}\n")
                continue
            if os.path.realpath(path) in loaded:
                gdb.write(f"partition {image.label}: {path} is already loaded\n")
                continue
            follow.add(path)
            loaded.add(os.path.realpath(path))
            gdb.write(f"partition {image.label}: loaded {path} (code from 0x{base:08x})\n")
        gdb.write("note: all partitions share their link address, so names they share are "
                  "ambiguous until the next stop loads the running partition's alone\n")

    @staticmethod
    def _load_one(image):
        path = image.path()
        base = elf_symbols.functions_of(path).starts[0]
        follow.load_only(path)
        gdb.write(f"partition {image.label}: loaded {path} (code from 0x{base:08x})\n")
