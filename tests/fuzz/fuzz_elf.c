/*
 * libFuzzer harness for the partition image checks (core/elf_loader.c, built from the kernel's
 * own source). Every input is an image file: elf_check must refuse it with a reason or accept
 * it; what it accepts must describe segments that elf_load can copy into the partition's memory
 * without touching a byte outside it or outside the file (ASan watches both buffers, and the
 * invariants below say it in so many words); the search of its section table for the APEX
 * layer's mark reads nothing outside the file either.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <core/elf_loader.h>
#include <public/hypercall.h>

#define MEMORY_SIZE (256u << 10)   /* each partition's memory in configs/demo.c */

static void require(int condition, const char *what)
{
	if (!condition) {
		fprintf(stderr, "fuzz_elf: invariant broken: %s\n", what);
		abort();
	}
}

static void check_accepted(const struct elf_image *img, uint32_t size)
{
	int entry_inside = 0;

	require(img->segment_count >= 1 && img->segment_count <= ELF_MAX_SEGMENTS,
		"1 to ELF_MAX_SEGMENTS segments");
	for (uint32_t i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t offset = s->vaddr - (uint64_t)BH_PARTITION_BASE;

		require(s->file_size <= s->mem_size, "file size within memory size");
		require((uint64_t)s->file_offset + s->file_size <= size, "file bytes inside the file");
		require(s->vaddr >= BH_PARTITION_BASE && offset + s->mem_size <= MEMORY_SIZE,
			"segment inside the partition's memory");
		for (uint32_t j = 0; j < i; j++) {
			const struct elf_segment *o = &img->segments[j];

			require((uint64_t)s->vaddr + s->mem_size <= o->vaddr ||
				(uint64_t)o->vaddr + o->mem_size <= s->vaddr, "segments disjoint");
		}
		if (img->entry >= s->vaddr && (uint64_t)img->entry < (uint64_t)s->vaddr + s->mem_size)
			entry_inside = 1;
	}
	require(entry_inside, "entry point inside a segment");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *memory;
	struct elf_image img;
	char why[256];   /* the size core/partition.c gives it */

	if (size > UINT32_MAX)
		return 0;
	if (!memory)
		memory = malloc(MEMORY_SIZE);
	memset(why, 0, sizeof(why));
	if (elf_check(data, (uint32_t)size, BH_PARTITION_BASE, MEMORY_SIZE, &img, why,
		      sizeof(why))) {
		require(why[0] != 0 && memchr(why, 0, sizeof(why)) != NULL,
			"a refusal gives a terminated reason");
		return 0;
	}
	check_accepted(&img, (uint32_t)size);
	/* the boot's next look at an accepted image: its section table, read within the file */
	require(elf_has_section(data, (uint32_t)size, APEX_IMAGE_SECTION) <= 1, "a yes or a no");
	elf_load(data, &img, BH_PARTITION_BASE, memory, MEMORY_SIZE);
	return 0;
}
