#!/usr/bin/env python3
"""Writes tests/fuzz/corpus/config/: deployments the validator accepts, in the input format
tests/fuzz/fuzz_config.c decodes, so the fuzzer starts from the accepted side and mutates
toward every refusal.

    python3 tests/fuzz/make_config_seeds.py [OUTPUT_DIR]
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = [f"p{i}" for i in range(16)] + [""]   # fuzz_config.c's NAMES, in order
PAGE = 4096
MIB = 1 << 20


def name(n):
    return bytes([NAMES.index(n)])


def address(value):
    if value % PAGE == 0 and value // PAGE < 0x10000:
        return b"\x00" + struct.pack("<H", value // PAGE)
    return b"\x80" + struct.pack("<I", value)


def time_ns(ns):
    if ns % 1000 == 0 and ns // 1000 < 0x10000:
        return b"\x00" + struct.pack("<H", ns // 1000)
    return b"\x80" + struct.pack("<Q", ns)


def partition(pname, base, size, vcpus=1, quantum_ns=0, system=False, hm=(), doorbells=()):
    out = name(pname) + name(pname) + address(base) + address(size) + bytes([vcpus])
    out += bytes([1] * vcpus + [0] * (4 - vcpus)) + time_ns(quantum_ns) + bytes([int(system)])
    out += bytes([len(hm)]) + b"".join(bytes([event, action]) for event, action in hm)
    out += bytes([0]) + time_ns(0)
    out += bytes([len(doorbells)]) + b"".join(name(d) for d in doorbells)
    return out


def channel(cname, kind, max_message, depth, refresh_ns, source, destinations):
    return (name(cname) + bytes([kind]) + struct.pack("<H", max_message) + bytes([depth]) +
            time_ns(refresh_ns) + name(source) + bytes([len(destinations)]) +
            b"".join(name(d) for d in destinations))


def shared_area(aname, base, size, users):
    """users: (partition, address, writable) each."""
    return (name(aname) + address(base) + address(size) + bytes([len(users)]) +
            b"".join(name(p) + address(at) + bytes([int(w)]) for p, at, w in users))


def deployment(partitions, major_ns, windows, channels, ram=0, run_frames=20, areas=()):
    out = bytes([ram]) + name("p0") + bytes([len(partitions)]) + b"".join(partitions)
    out += time_ns(major_ns) + bytes([len(windows)])
    out += b"".join(name(p) + time_ns(off) + time_ns(dur) for p, off, dur in windows)
    out += bytes([len(channels)]) + b"".join(channels) + bytes([run_frames])
    if areas:
        out += bytes([len(areas)]) + b"".join(areas)
    return out


SAMPLING, QUEUING = 1, 2
MS = 1000000
SHM_WINDOW = 0x40400000           # BH_SHM_WINDOW_BASE (include/public/shm.h)

SEEDS = {
    # configs/demo.c
    "demo": deployment(
        [partition("p0", 16 * MIB, 256 << 10),
         partition("p1", 17 * MIB, 256 << 10, vcpus=2, quantum_ns=500000),
         partition("p2", 18 * MIB, 256 << 10, system=True)],
        10 * MS,
        [("p0", 0, 2 * MS), ("p1", 2500000, 4 * MS), ("p2", 7 * MS, 2 * MS)],
        [channel("p0", SAMPLING, 16, 0, 15 * MS, "p0", ["p1"]),
         channel("p1", QUEUING, 64, 8, 0, "p1", ["p2"])]),
    # the smallest memory: a page of image, the guard page and the default 16 KiB stack
    "one-partition": deployment(
        [partition("p0", 16 * MIB, 6 * PAGE)], 1 * MS, [("p0", 0, 10000)], [], ram=1),
    # every table full: 8 partitions, 16 vcpus, 32 windows, 16 channels; raw-encoded times
    "full": deployment(
        [partition(f"p{i}", (16 + 4 * i) * MIB, 4 * MIB, vcpus=2, quantum_ns=10001,
                   hm=((14, 3), (32, 1)), doorbells=[f"p{(i + 1) % 8}"]) for i in range(8)],
        32 * MS + 7,
        [(f"p{w % 8}", w * MS + 1, MS - 1) for w in range(32)],
        [channel(f"p{c}", SAMPLING, 1024, 0, MS, f"p{c}",
                 [f"p{(c + 1) % 8}", f"p{(c + 2) % 8}", f"p{(c + 3) % 8}"]) for c in range(8)] +
        [channel(f"p{c + 8}", QUEUING, 1, 64, 0, f"p{c}", [f"p{(c + 4) % 8}"])
         for c in range(8)]),
    # tests/configs/shm.c's areas: one read-only for a reader, one read-write for both, each
    # user at its own address
    "shared-areas": deployment(
        [partition("p0", 16 * MIB, 128 << 10), partition("p1", 17 * MIB, 128 << 10)],
        1 * MS, [("p0", 0, 300000), ("p1", 300000, 300000)], [],
        areas=[shared_area("p0", 24 * MIB, 8192, [("p0", SHM_WINDOW, True),
                                                  ("p1", SHM_WINDOW + 2 * MIB, False)]),
               shared_area("p1", 24 * MIB + 65536, 4096, [("p0", SHM_WINDOW + MIB, True),
                                                          ("p1", SHM_WINDOW, True)])]),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus", "config")
    os.makedirs(out, exist_ok=True)
    for seed, data in SEEDS.items():
        with open(os.path.join(out, seed), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
