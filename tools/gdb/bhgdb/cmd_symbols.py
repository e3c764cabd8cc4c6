"""bh-symbols: load partition ELFs' symbols into gdb, for breakpoints in partition code."""
import os

import gdb

from . import elf_symbols, images, kernel, objects
from .command import Subcommand


class Symbols(Subcommand):
    """Load the symbols of every partition's ELF (or of one) at its link address.

Usage: bh-symbols            every partition of the deployment
       bh-symbols NAME       only partition NAME (a name or an id)

Runs add-symbol-file for build/partitions/<image>.elf (the image named by the partition's
config). Then "break commander" or "list main" work in partition code.
Every partition is linked at the same virtual address (0x40000000), so their symbols overlap:
with all of them loaded, an address or a name common to several (main, printf) is ambiguous,
and a breakpoint at a partition address stops in whichever partition runs that address. Load
one partition's symbols to avoid the ambiguity, and/or add a condition:
    break commander if $bh_current_vcpu()->partition->id == 1
Before partition_init the partitions come from the deployment compiled into the kernel."""
    name = "symbols"

    def run(self, arg):
        wanted = self._partitions(arg)
        loaded = {os.path.realpath(o.filename) for o in gdb.objfiles() if o.filename}
        for label, read_image in wanted:
            try:
                path = images.image_path(read_image())
                base = elf_symbols.functions_of(path).starts[0]
            except kernel.READ_ERRORS as e:
                gdb.write(f"partition {label}: {kernel.describe_error(e)}\n")
                continue
            if os.path.realpath(path) in loaded:
                gdb.write(f"partition {label}: {path} is already loaded\n")
                continue
            gdb.execute(f'add-symbol-file "{path}"', to_string=True)
            gdb.write(f"partition {label}: loaded {path} (code from 0x{base:08x})\n")
        if len(wanted) > 1:
            gdb.write("note: all partitions share their link address; see \"help bh-symbols\" "
                      "about ambiguous names and breakpoints\n")

    @staticmethod
    def _partitions(arg):
        """[(label, read its image name)] from partitions[] or, before partition_init, from the
        deployment compiled into the kernel."""
        try:
            table = objects.partitions()
        except kernel.Unavailable:
            table = None
        if table is not None:
            chosen = [objects.partition(arg)] if arg else table
            return [(Symbols._label(int(p["id"]), p["name"]),
                     lambda p=p: kernel.c_string(p["config"]["image"])) for p in chosen]
        configured = kernel.global_var("deployment")["partitions"]
        out = []
        for i in range(kernel.array_length(configured)):
            c = configured[i]
            if kernel.is_null(c["name"]):
                break
            label = Symbols._label(i, c["name"])
            if not arg or arg == str(i) or label.endswith(f" '{arg}'"):
                out.append((label, lambda c=c: kernel.c_string(c["image"])))
        if not out:
            raise kernel.Unavailable(f"the deployment has no partition '{arg}'" if arg
                                     else "the deployment has no partitions")
        return out

    @staticmethod
    def _label(index, name):
        try:
            return f"{index} '{kernel.c_string(name)}'"
        except kernel.READ_ERRORS:
            return f"{index} (name unreadable)"
