"""Symbols follow the partition: at every stop, gdb has the symbols of the partition the CPU is in.

Every partition is linked at 0x40000000, so gdb can hold only one partition's symbols at a time
without naming the wrong code. As Linux's lx-symbols does for modules, a stop handler swaps the
partition ELF (add-symbol-file / remove-symbol-file) when the CPU is in another partition than
the one loaded; the kernel's symbols stay loaded always. While the CPU idles in the kernel's own
address space the last partition's symbols stay.

gdb prints a stop's location before stop handlers run. A stop handler that had to swap prints
the frame again with the right symbols; bh-break swaps before gdb prints (in Breakpoint.stop).
"""
import os

import gdb

from . import images, kernel, objects, running, target

_enabled = True


def set_enabled(on):
    global _enabled
    _enabled = on


def enabled():
    return _enabled


def image_of(p):
    """Path of the partition's ELF (build/partitions/<image>.elf)."""
    return images.image_path(objects.image_name(p))


def _partition_elfs():
    """Real paths of every partition's ELF that exists, for telling partition objfiles apart."""
    paths = set()
    for image in images.partition_images():
        try:
            paths.add(os.path.realpath(image.path()))
        except kernel.READ_ERRORS:
            continue
    return paths


def loaded_partition_objfiles(elfs=None):
    """The objfiles gdb holds for partition ELFs."""
    elfs = _partition_elfs() if elfs is None else elfs
    return [o for o in gdb.objfiles() if o.filename and os.path.realpath(o.filename) in elfs]


def add(path):
    gdb.execute(f'add-symbol-file "{path}"', to_string=True)


def remove(objfile):
    gdb.execute(f'remove-symbol-file "{objfile.filename}"', to_string=True)


def load_only(path):
    """Makes the partition ELF at `path` the one gdb holds; returns whether anything changed."""
    path = os.path.realpath(path)
    changed = False
    held = False
    for o in loaded_partition_objfiles():
        if os.path.realpath(o.filename) == path:
            held = True
        else:
            remove(o)
            changed = True
    if not held:
        add(path)
        changed = True
    return changed


def follow():
    """Loads the symbols of the partition the CPU is in, if they are not the ones loaded.
    Returns that partition when it swapped them, else None."""
    if not _enabled or not target.attached():
        return None
    p = running.partition()
    if p is None:
        return None
    return p if load_only(image_of(p)) else None


def _on_stop(event):
    try:
        p = follow()
    except kernel.READ_ERRORS as e:
        gdb.write(f"bulkhead: could not load the running partition's symbols: "
                  f"{kernel.describe_error(e)}\n")
        return
    if p is None:
        return
    gdb.write(f"[bulkhead: the CPU is in partition {objects.partition_label(p)}: its symbols "
              f"are loaded now; the stop, with them:]\n")
    try:
        gdb.execute("frame")
    except gdb.error as e:
        gdb.write(f"{e}\n")


def connect():
    """Installs the stop handler once: sourcing the helpers again replaces it (the handler is
    kept on the gdb module, which outlives a reload of this package)."""
    old = getattr(gdb, "_bulkhead_stop_handler", None)
    if old is not None:
        gdb.events.stop.disconnect(old)
    gdb.events.stop.connect(_on_stop)
    gdb._bulkhead_stop_handler = _on_stop
