#!/usr/bin/env python3
"""Writes tests/elf-corpus/: a minimal valid partition image and malformed variants of it.

Each malformed file differs from valid.elf by one defect, so the reason the kernel gives for
refusing it names that defect and nothing else. tests/elf-corpus/cases.txt lists every file with
what it breaks (header or segments) and the reason core/elf_loader.c must give; tests/suites/test_images.py and the fuzz seeds read it.

    python3 tools/make_elf_corpus.py [OUTPUT_DIR]
"""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = 0x40000000           # BH_PARTITION_BASE: every partition is linked here
MEMORY = 0x40000            # 256 KiB: the memory of each partition in configs/demo.c

ET_EXEC, ET_DYN = 2, 3
EM_386, EM_X86_64 = 3, 62
PT_NULL, PT_LOAD, PT_NOTE = 0, 1, 4
PF_X, PF_W, PF_R = 1, 2, 4
EHSIZE, PHENTSIZE = 52, 32
TABLE_ROOM = 16             # program header slots before the code, so adding one moves nothing
HEADER = "<16sHHIIIIIHHHHHH"
PROGRAM_HEADER = "<IIIIIIII"

MESSAGE = b"minimal image started\n"


def code(message_address):
    """console_write(message, len); vcpu_halt(); spin: hand-assembled so no toolchain is needed."""
    return (b"\xb8" + struct.pack("<I", 1) +                      # mov eax, BH_HC_CONSOLE_WRITE
            b"\xbb" + struct.pack("<I", message_address) +        # mov ebx, message
            b"\xb9" + struct.pack("<I", len(MESSAGE)) +           # mov ecx, len
            b"\xcd\x80" +                                          # int 0x80
            b"\xb8" + struct.pack("<I", 6) +                      # mov eax, BH_HC_VCPU_HALT
            b"\xcd\x80" +                                          # int 0x80
            b"\xeb\xfe")                                           # jmp $


class Image:
    """An ELF32 executable as fields, so one field can be broken before it is written out."""

    def __init__(self):
        self.ident = bytearray(b"\x7fELF" + bytes([1, 1, 1]) + bytes(9))
        self.type, self.machine, self.version = ET_EXEC, EM_386, 1
        self.phoff, self.ehsize, self.phentsize = EHSIZE, EHSIZE, PHENTSIZE
        self.phnum = None   # None: the number of segments
        code_offset = EHSIZE + TABLE_ROOM * PHENTSIZE
        message_offset = code_offset + len(code(0))
        self.body = code(BASE + message_offset) + MESSAGE
        text_size = code_offset + len(self.body)
        self.entry = BASE + code_offset
        # the text segment maps the headers too, so the whole file is one page at BASE
        self.segments = [
            dict(type=PT_LOAD, offset=0, vaddr=BASE, filesz=text_size, memsz=text_size,
                 flags=PF_R | PF_X),
            dict(type=PT_LOAD, offset=0, vaddr=BASE + 0x1000, filesz=0, memsz=0x1000,
                 flags=PF_R | PF_W),
        ]

    def bytes(self):
        phnum = len(self.segments) if self.phnum is None else self.phnum
        header = struct.pack(HEADER, bytes(self.ident), self.type, self.machine, self.version,
                             self.entry, self.phoff, 0, 0, self.ehsize, self.phentsize, phnum,
                             0, 0, 0)
        table = b"".join(struct.pack(PROGRAM_HEADER, s["type"], s["offset"], s["vaddr"],
                                     s["vaddr"], s["filesz"], s["memsz"], s["flags"], 0x1000)
                         for s in self.segments)
        return header + table.ljust(TABLE_ROOM * PHENTSIZE, b"\0") + self.body


def mutated(change):
    image = Image()
    change(image)
    return image.bytes()


def setattrs(**fields):
    return lambda image: image.__dict__.update(fields)


def segment(index, **fields):
    return lambda image: image.segments[index].update(fields)


def ident(index, value):
    def change(image):
        image.ident[index] = value
    return change


def load_segments(count):
    """`count` disjoint loadable segments after the text one."""
    def change(image):
        image.segments += [dict(type=PT_LOAD, offset=0, vaddr=BASE + 0x1000 * (i + 2), filesz=0,
                                memsz=0x1000, flags=PF_R | PF_W) for i in range(count)]
    return change


# The memory the kernel lets a demo partition's image use (configs/demo.c: 128 KiB), which the
# reason for a segment outside it quotes.
LOAD_MEMORY = 0x20000


def outside(index, **fields):
    """Segment `index` changed by `fields`: (the bytes, the reason elf_check gives)."""
    image = Image()
    segment(index, **fields)(image)
    s = image.segments[index]
    return (image.bytes(), f"segment [{s['vaddr']:#x}, {s['vaddr'] + s['memsz']:#x}) outside "
                           f"the partition's memory [{BASE:#x}, {BASE + LOAD_MEMORY:#x})")


def only_non_load(image):
    image.segments[0]["type"] = PT_NOTE
    image.segments[1]["type"] = PT_NULL


VALID = Image().bytes()
# (file name, bytes, the reason elf_check must give): defects of the ELF header and the program
# header table, then defects of the segments and entry point they describe
HEADER_CASES = [
    ("bad-magic", mutated(ident(3, ord("G"))), "not an ELF file (bad magic)"),
    ("truncated-header", VALID[:EHSIZE - 12], "file shorter than an ELF header"),
    ("truncated-program-headers", VALID[:EHSIZE + PHENTSIZE + 8],
     "program headers past the end of the file"),
    ("class-64", mutated(ident(4, 2)), "not a 32-bit ELF (wrong class)"),
    ("big-endian", mutated(ident(5, 2)), "not little-endian"),
    ("bad-version", mutated(setattrs(version=2)), "unknown ELF version"),
    ("not-exec", mutated(setattrs(type=ET_DYN)), "not an executable (ET_EXEC)"),
    ("wrong-machine", mutated(setattrs(machine=EM_X86_64)),
     "not an x86 (EM_386) image: wrong machine"),
    ("bad-ehsize", mutated(setattrs(ehsize=64)), "bad ELF header size"),
    ("bad-phentsize", mutated(setattrs(phentsize=56)), "bad program header size"),
    ("no-program-headers", mutated(setattrs(phnum=0)), "no program headers"),
    ("too-many-program-headers", mutated(setattrs(phnum=65)), "too many program headers"),
    ("program-headers-past-eof", mutated(setattrs(phoff=len(VALID) - PHENTSIZE)),
     "program headers past the end of the file"),
    ("program-headers-offset-overflow", mutated(setattrs(phoff=0xfffffff0)),
     "program headers past the end of the file"),
]
SEGMENT_CASES = [
    ("only-non-load-segments", mutated(only_non_load), "no loadable segment"),
    ("too-many-load-segments", mutated(load_segments(7)), "too many loadable segments"),
    ("segment-below-base", *outside(0, vaddr=BASE - 0x1000)),
    ("segment-past-memory-end", *outside(1, vaddr=BASE + MEMORY - 0x1000, memsz=0x2000)),
    ("segment-vaddr-wraps", *outside(1, vaddr=0xfffff000, memsz=0x2000)),
    ("huge-memsz", *outside(1, memsz=0xfffff000)),
    ("filesz-above-memsz", mutated(segment(1, filesz=0x80, memsz=0x40)),
     "segment file size larger than its memory size"),
    ("filesz-above-zero-memsz", mutated(segment(1, filesz=0x80, memsz=0)),
     "segment file size larger than its memory size"),
    ("segment-data-past-eof", mutated(segment(1, offset=len(VALID) - 8, filesz=0x10,
                                              memsz=0x1000)),
     "segment data past the end of the file"),
    ("segment-offset-overflow", mutated(segment(1, offset=0xfffff000, filesz=0x2000,
                                                memsz=0x2000)),
     "segment data past the end of the file"),
    ("overlapping-segments", mutated(segment(1, vaddr=BASE + 0x40)), "segments overlap"),
    ("entry-outside-segments", mutated(setattrs(entry=BASE + 0x3000)),
     "entry point outside every executable segment"),
    ("entry-in-data-segment", mutated(setattrs(entry=BASE + 0x1000)),
     "entry point outside every executable segment"),
    ("writable-executable-segment", mutated(segment(1, flags=PF_R | PF_W | PF_X)),
     "segment both writable and executable (W^X)"),
    ("writable-executable-page", mutated(segment(1, vaddr=BASE + 0x800, memsz=0x800)),
     "a writable and an executable segment share a page (W^X)"),
    # the demo's 128 KiB with the default 16 KiB stack: its guard page is at 0x1b000
    ("image-into-stack-guard", mutated(segment(1, memsz=0x1b000)),
     "it ends at 0x4001c000, past the guard page at 0x4001b000 below vcpu 0's stack "
     "(image 112 KiB + guard 4 KiB + stack 16 KiB > memory 128 KiB)"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "elf-corpus")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "valid.elf"), "wb") as f:
        f.write(VALID)
    with open(os.path.join(out, "cases.txt"), "w") as f:
        f.write("# file<TAB>header|segments<TAB>reason core/elf_loader.c gives "
                "(written by tools/make_elf_corpus.py)\n")
        for part, cases in (("header", HEADER_CASES), ("segments", SEGMENT_CASES)):
            for name, data, reason in cases:
                with open(os.path.join(out, name + ".elf"), "wb") as image:
                    image.write(data)
                f.write(f"{name}.elf\t{part}\t{reason}\n")


if __name__ == "__main__":
    main()
