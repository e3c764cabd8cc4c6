"""Where a partition's ELF is: build/partitions/<image>.elf, found from the kernel ELF gdb loaded.

The demo's kernel is build/bulkhead.elf and other configs' build/config/<name>/bulkhead.elf; both
share build/partitions, so the search walks up from the kernel's folder, then tries the build
folder of the source tree this script belongs to.
"""
import os

import gdb

from . import kernel

_SOURCE_TREE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def _candidate_folders():
    folders = []
    kernel_elf = gdb.current_progspace().filename
    if kernel_elf:
        folder = os.path.dirname(os.path.abspath(kernel_elf))
        while True:
            folders.append(os.path.join(folder, "partitions"))
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    folders.append(os.path.join(_SOURCE_TREE, "build", "partitions"))
    return list(dict.fromkeys(folders))


def image_path(image):
    """Absolute path of partitions/<image>.elf; Unavailable (saying where it looked) if absent."""
    folders = _candidate_folders()
    for folder in folders:
        path = os.path.join(folder, image + ".elf")
        if os.path.isfile(path):
            return path
    raise kernel.Unavailable(f"no {image}.elf in {', '.join(folders)} (build it with `make`)")
