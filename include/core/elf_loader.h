/* Partition images: 32-bit x86 ELF executables, checked whole before a byte is copied. */
#ifndef CORE_ELF_LOADER_H
#define CORE_ELF_LOADER_H

#include <stdint.h>
#include <stddef.h>

#define ELF_MAX_SEGMENTS 8

struct elf_segment {
	uint32_t file_offset, file_size;
	uint32_t vaddr, mem_size;
};

struct elf_image {
	uint32_t entry;
	uint32_t segment_count;
	struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/*
 * Checks that `file` (size bytes) is an ELF the kernel can load into [base, base + mem_size):
 * every header field, every loadable segment inside the file and inside that memory, no two
 * segments overlapping, the entry point inside an executable segment. Returns 0 and fills
 * `out`, or -1 with the reason in `why`.
 */
int elf_check(const void *file, uint32_t size, uint32_t base, uint32_t mem_size,
	      struct elf_image *out, char *why, size_t why_size);

/* Copies the checked segments to `memory` (the partition's memory as the kernel sees it) and
 * zeroes what the file does not cover. */
void elf_load(const void *file, const struct elf_image *img, uint32_t base, void *memory);

#endif
