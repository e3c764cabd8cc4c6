/* Partition images: 32-bit x86 ELF executables, checked whole before a byte is copied. */
#ifndef CORE_ELF_LOADER_H
#define CORE_ELF_LOADER_H

#include <stdint.h>
#include <stddef.h>

#define ELF_MAX_SEGMENTS 8

/* a segment's p_flags */
#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u

struct elf_segment {
	uint32_t file_offset, file_size;
	uint32_t vaddr, mem_size;
	uint32_t flags;             /* ELF_PF_*: the access its pages get */
};

struct elf_image {
	uint32_t entry;
	uint32_t segment_count;
	struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/*
 * Checks that `file` (size bytes) is an ELF the kernel can load into [base, base + mem_size):
 * every header field, every loadable segment inside the file and inside that memory, no two
 * segments overlapping, none writable and executable (W^X: neither one segment nor two that
 * share a page), the entry point inside an executable segment. Returns 0 and fills
 * `out`, or -1 with the reason in `why`.
 */
int elf_check(const void *file, uint32_t size, uint32_t base, uint32_t mem_size,
	      struct elf_image *out, char *why, size_t why_size);

/*
 * An image built with the APEX layer carries this section (one 4-byte word, the layer's version):
 * such an image needs the deployment's APEX limits (partition_config.apex).
 */
#define APEX_IMAGE_SECTION ".bulkhead_apex"
/*
 * Whether `file` (size bytes) has a section called `name` (2 characters at least) with bytes in
 * the file, by its section header table; 0 too when it has no table inside the file (a stripped
 * image has none).
 */
int elf_has_section(const void *file, uint32_t size, const char *name);

/*
 * Fills the page at `offset` of `memory` (the partition's memory as the kernel sees it, based at
 * partition address `base`) with what the checked image puts there, zero elsewhere. Page by page,
 * so a reload can be spread over several windows.
 */
#define ELF_PAGE_SIZE 4096u
void elf_load_page(const void *file, const struct elf_image *img, uint32_t base, void *memory,
		   uint32_t offset);
/* The same for a whole memory of `size` bytes (a page multiple). */
void elf_load(const void *file, const struct elf_image *img, uint32_t base, void *memory,
	      uint32_t size);

#endif
