"""Where a partition's ELF is: build/partitions/<image>.elf, found from the kernel ELF gdb loaded.

The demo's kernel is build/bulkhead.elf and other configs' build/config/<name>/bulkhead.elf; both
share build/partitions, so the search walks up from the kernel's folder, then tries the build
folder of the source tree this script belongs to.
"""
import os

import gdb

from . import description, kernel, objects

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


class Image:
    """A partition of the deployment and its ELF: id, name (None if unreadable), image name."""

    def __init__(self, pid, name, read_image):
        self.pid = pid
        self.name = name
        self._read_image = read_image

    @property
    def label(self):
        return f"{self.pid} '{self.name}'" if self.name is not None else \
            f"{self.pid} (name unreadable)"

    def path(self):
        return image_path(self._read_image())


def _name(read):
    try:
        return read()
    except kernel.READ_ERRORS:
        return None


def partition_images(selector=None):
    """[Image] of every partition (or of the one named by selector, an id or a name), from
    partitions[] or, before partition_init, from the deployment compiled into the kernel."""
    try:
        table = objects.partitions()
    except kernel.Unavailable:
        table = None
    if table is not None:
        chosen = [objects.partition(selector)] if selector else table
        return [Image(p.u("id"), _name(lambda p=p: p.string("name")),
                      lambda p=p: objects.image_name(p)) for p in chosen]
    configured = description.single("deployment", "deployment").items("partitions",
                                                                       "partition_config")
    out, names = [], []
    for i, c in enumerate(configured):
        if not c.u("name"):
            break
        image = Image(i, _name(lambda c=c: c.string("name")), lambda c=c: c.string("image"))
        names.append(str(image.name))
        if not selector or selector == str(i) or selector == image.name:
            out.append(image)
    if not out:
        raise kernel.Unavailable(f"the deployment has no partition '{selector}' (there are: "
                                 f"{', '.join(names)})" if selector else
                                 "the deployment has no partitions")
    return out
