/*
 * core/elf_loader.c on the host: a minimal valid image built here (with glibc's <elf.h>, not the
 * loader's own structs), each way to spoil it refused with its reason, and what elf_load writes.
 * The loader always gets an exact-size heap copy, so the -asan build catches any read past the file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <cmocka.h>
#include <core/elf_loader.h>
#include <public/hypercall.h>

#define BASE BH_PARTITION_BASE
#define MEMORY_SIZE 0x10000u
#define FILE_SIZE 0x2000u
#define TEXT_OFFSET 0x1000u
#define TEXT_SIZE 0x40u
#define DATA_OFFSET 0x1800u
#define DATA_FILE_SIZE 0x20u
#define DATA_MEMORY_SIZE 0x100u
#define DATA_VADDR (BASE + 0x1000u)
#define ENTRY (BASE + 0x10u)

struct image {
	union {
		Elf32_Ehdr header;
		uint8_t bytes[FILE_SIZE];
	};
	uint32_t size;
};

static Elf32_Phdr *phdr(struct image *img, uint32_t i)
{
	return (Elf32_Phdr *)(img->bytes + img->header.e_phoff) + i;
}

/* A text segment (read, execute) and a data segment with a bss tail (read, write). */
static struct image valid_image(void)
{
	struct image img;

	memset(&img, 0, sizeof(img));
	img.size = FILE_SIZE;
	memcpy(img.header.e_ident, ELFMAG, SELFMAG);
	img.header.e_ident[EI_CLASS] = ELFCLASS32;
	img.header.e_ident[EI_DATA] = ELFDATA2LSB;
	img.header.e_ident[EI_VERSION] = EV_CURRENT;
	img.header.e_type = ET_EXEC;
	img.header.e_machine = EM_386;
	img.header.e_version = EV_CURRENT;
	img.header.e_entry = ENTRY;
	img.header.e_phoff = sizeof(Elf32_Ehdr);
	img.header.e_ehsize = sizeof(Elf32_Ehdr);
	img.header.e_phentsize = sizeof(Elf32_Phdr);
	img.header.e_phnum = 2;
	*phdr(&img, 0) = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = TEXT_OFFSET, .p_vaddr = BASE,
		.p_paddr = BASE, .p_filesz = TEXT_SIZE, .p_memsz = TEXT_SIZE,
		.p_flags = PF_R | PF_X, .p_align = 0x1000 };
	*phdr(&img, 1) = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = DATA_OFFSET,
		.p_vaddr = DATA_VADDR, .p_paddr = DATA_VADDR, .p_filesz = DATA_FILE_SIZE,
		.p_memsz = DATA_MEMORY_SIZE, .p_flags = PF_R | PF_W, .p_align = 0x1000 };
	for (uint32_t i = 0; i < TEXT_SIZE; i++)
		img.bytes[TEXT_OFFSET + i] = (uint8_t)(0x90 + i);
	for (uint32_t i = 0; i < DATA_FILE_SIZE; i++)
		img.bytes[DATA_OFFSET + i] = (uint8_t)(0x40 + i);
	return img;
}

static char why[96];
static struct elf_image loaded;

/* Checks an exact-size copy of the image's first `size` bytes. */
static int check(const struct image *img)
{
	uint8_t *file = malloc(img->size ? img->size : 1);
	int rc;

	assert_non_null(file);
	memcpy(file, img->bytes, img->size);
	memset(why, 0, sizeof(why));
	rc = elf_check(file, img->size, BASE, MEMORY_SIZE, &loaded, why, sizeof(why));
	free(file);
	return rc;
}

static void expect_valid(const struct image *img)
{
	if (check(img) != 0)
		fail_msg("refused: %s", why);
}

static void expect_refused(const struct image *img, const char *reason)
{
	if (check(img) != -1)
		fail_msg("accepted; expected \"%s\"", reason);
	assert_string_equal(why, reason);
}

static void test_valid_image(void **state)
{
	struct image img = valid_image();

	(void)state;
	expect_valid(&img);
	assert_int_equal(loaded.entry, ENTRY);
	assert_int_equal(loaded.segment_count, 2);
	assert_int_equal(loaded.segments[0].file_offset, TEXT_OFFSET);
	assert_int_equal(loaded.segments[0].file_size, TEXT_SIZE);
	assert_int_equal(loaded.segments[0].vaddr, BASE);
	assert_int_equal(loaded.segments[0].mem_size, TEXT_SIZE);
	assert_int_equal(loaded.segments[1].file_offset, DATA_OFFSET);
	assert_int_equal(loaded.segments[1].file_size, DATA_FILE_SIZE);
	assert_int_equal(loaded.segments[1].vaddr, DATA_VADDR);
	assert_int_equal(loaded.segments[1].mem_size, DATA_MEMORY_SIZE);
	/* the flags, for the pages' access */
	assert_int_equal(loaded.segments[0].flags, ELF_PF_R | ELF_PF_X);
	assert_int_equal(loaded.segments[1].flags, ELF_PF_R | ELF_PF_W);
}

static void test_short_file(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.size = sizeof(Elf32_Ehdr) - 1;
	expect_refused(&img, "file shorter than an ELF header");
	img.size = 0;
	expect_refused(&img, "file shorter than an ELF header");
}

static void test_bad_magic(void **state)
{
	(void)state;
	for (int i = 0; i < SELFMAG; i++) {
		struct image img = valid_image();

		img.header.e_ident[i] ^= 0x20;
		expect_refused(&img, "not an ELF file (bad magic)");
	}
}

static void test_wrong_class(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_ident[EI_CLASS] = ELFCLASS64;
	expect_refused(&img, "not a 32-bit ELF (wrong class)");
}

static void test_wrong_data_encoding(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_ident[EI_DATA] = ELFDATA2MSB;
	expect_refused(&img, "not little-endian");
}

static void test_wrong_version(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_ident[EI_VERSION] = EV_NONE;
	expect_refused(&img, "unknown ELF version");
	img = valid_image();
	img.header.e_version = 2;
	expect_refused(&img, "unknown ELF version");
}

static void test_wrong_type(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_type = ET_DYN;
	expect_refused(&img, "not an executable (ET_EXEC)");
	img.header.e_type = ET_REL;
	expect_refused(&img, "not an executable (ET_EXEC)");
}

static void test_wrong_machine(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_machine = EM_X86_64;
	expect_refused(&img, "not an x86 (EM_386) image: wrong machine");
}

static void test_wrong_header_size(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_ehsize = sizeof(Elf64_Ehdr);
	expect_refused(&img, "bad ELF header size");
}

static void test_wrong_program_header_size(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_phentsize = sizeof(Elf64_Phdr);
	expect_refused(&img, "bad program header size");
}

static void test_no_program_headers(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_phnum = 0;
	expect_refused(&img, "no program headers");
}

static void test_too_many_program_headers(void **state)
{
	struct image img = valid_image();

	(void)state;
	/* 64 headers are fine (the ones after the two loadable segments are PT_NULL) */
	img.header.e_phnum = 64;
	expect_valid(&img);
	img.header.e_phnum = 65;
	expect_refused(&img, "too many program headers");
}

static void test_program_headers_past_the_end(void **state)
{
	struct image img = valid_image();
	Elf32_Phdr headers[2];

	(void)state;
	/* the table moved to the very end of the file still fits */
	memcpy(headers, phdr(&img, 0), sizeof(headers));
	img.header.e_phoff = FILE_SIZE - sizeof(headers);
	memcpy(phdr(&img, 0), headers, sizeof(headers));
	expect_valid(&img);
	img.size = FILE_SIZE - 1;
	expect_refused(&img, "program headers past the end of the file");
	/* an offset so large that offset + table size wraps around */
	img = valid_image();
	img.header.e_phoff = 0xfffffff0u;
	expect_refused(&img, "program headers past the end of the file");
}

static void test_file_size_larger_than_memory_size(void **state)
{
	struct image img = valid_image();

	(void)state;
	phdr(&img, 1)->p_filesz = DATA_MEMORY_SIZE + 1;
	expect_refused(&img, "segment file size larger than its memory size");
}

static void test_segment_data_past_the_end(void **state)
{
	struct image img = valid_image();

	(void)state;
	phdr(&img, 1)->p_offset = FILE_SIZE - DATA_FILE_SIZE;
	expect_valid(&img);
	phdr(&img, 1)->p_offset = FILE_SIZE - DATA_FILE_SIZE + 1;
	expect_refused(&img, "segment data past the end of the file");
	phdr(&img, 1)->p_offset = 0xfffffff0u;
	expect_refused(&img, "segment data past the end of the file");
}

static void test_segment_outside_memory(void **state)
{
	struct image img = valid_image();

	(void)state;
	/* the last byte of memory is usable */
	phdr(&img, 1)->p_vaddr = BASE + MEMORY_SIZE - DATA_MEMORY_SIZE;
	expect_valid(&img);
	phdr(&img, 1)->p_vaddr = BASE + MEMORY_SIZE - DATA_MEMORY_SIZE + 1;
	expect_refused(&img, "segment [0x4000ff01, 0x40010001) outside the partition's memory "
		       "[0x40000000, 0x40010000)");
	/* below the base */
	phdr(&img, 1)->p_vaddr = BASE - 0x1000;
	expect_refused(&img, "segment [0x3ffff000, 0x3ffff100) outside the partition's memory "
		       "[0x40000000, 0x40010000)");
	/* an end that wraps around 4 GiB */
	phdr(&img, 1)->p_vaddr = 0xffffff00u;
	phdr(&img, 1)->p_memsz = 0x200;
	expect_refused(&img, "segment [0xffffff00, 0x100000100) outside the partition's memory "
		       "[0x40000000, 0x40010000)");
	phdr(&img, 1)->p_vaddr = BASE + 0x1000;
	phdr(&img, 1)->p_memsz = 0xfffff000u;
	expect_refused(&img, "segment [0x40001000, 0x140000000) outside the partition's memory "
		       "[0x40000000, 0x40010000)");
}

static void test_overlapping_segments(void **state)
{
	struct image img = valid_image();

	(void)state;
	/* read-only: a writable one may not share the text's page (test_write_and_execute) */
	phdr(&img, 1)->p_flags = PF_R;
	phdr(&img, 1)->p_vaddr = BASE + TEXT_SIZE;
	expect_valid(&img);
	phdr(&img, 1)->p_vaddr = BASE + TEXT_SIZE - 1;
	expect_refused(&img, "segments overlap");
	/* a later segment that encloses an earlier one */
	phdr(&img, 1)->p_vaddr = BASE;
	phdr(&img, 1)->p_memsz = 0x1000;
	expect_refused(&img, "segments overlap");
}

/* `n` small loadable segments side by side, the first executable and holding the entry. */
static struct image many_segments(uint32_t n)
{
	struct image img = valid_image();

	img.header.e_phnum = (Elf32_Half)n;
	img.header.e_entry = BASE;
	for (uint32_t i = 0; i < n; i++)
		*phdr(&img, i) = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = TEXT_OFFSET,
			.p_vaddr = BASE + i * 0x100, .p_filesz = 0x10, .p_memsz = 0x10,
			.p_flags = i == 0 ? PF_R | PF_X : PF_R };
	return img;
}

static void test_too_many_segments(void **state)
{
	struct image img = many_segments(ELF_MAX_SEGMENTS);

	(void)state;
	expect_valid(&img);
	assert_int_equal(loaded.segment_count, ELF_MAX_SEGMENTS);
	img = many_segments(ELF_MAX_SEGMENTS + 1);
	expect_refused(&img, "too many loadable segments");
}

static void test_no_loadable_segment(void **state)
{
	struct image img = valid_image();

	(void)state;
	phdr(&img, 0)->p_type = PT_NULL;
	phdr(&img, 1)->p_type = PT_NOTE;
	expect_refused(&img, "no loadable segment");
	/* a PT_LOAD with no memory loads nothing */
	img = valid_image();
	phdr(&img, 0)->p_type = PT_NOTE;
	phdr(&img, 1)->p_filesz = 0;
	phdr(&img, 1)->p_memsz = 0;
	expect_refused(&img, "no loadable segment");
}

static void test_entry_outside_executable_segments(void **state)
{
	struct image img = valid_image();

	(void)state;
	img.header.e_entry = BASE + TEXT_SIZE - 1;
	expect_valid(&img);
	img.header.e_entry = BASE + TEXT_SIZE;
	expect_refused(&img, "entry point outside every executable segment");
	img.header.e_entry = BASE - 1;
	expect_refused(&img, "entry point outside every executable segment");
	/* inside a segment, but one that may not execute */
	img.header.e_entry = DATA_VADDR;
	expect_refused(&img, "entry point outside every executable segment");
	phdr(&img, 1)->p_flags = PF_R | PF_X;
	expect_valid(&img);
	assert_int_equal(loaded.entry, DATA_VADDR);
}

/* W^X: no segment writable and executable, and no page shared by a writable and an executable
 * one, since a page takes the access of every segment in it. Flags other than R, W, X dropped. */
static void test_write_and_execute(void **state)
{
	struct image img = valid_image();

	(void)state;
	phdr(&img, 1)->p_flags = PF_R | PF_W | PF_X;
	expect_refused(&img, "segment both writable and executable (W^X)");
	phdr(&img, 1)->p_flags = PF_R | PF_W | 0xf0000000u;
	expect_valid(&img);
	assert_int_equal(loaded.segments[1].flags, ELF_PF_R | ELF_PF_W);
	/* the data right after the text, in the text's page */
	phdr(&img, 1)->p_vaddr = BASE + TEXT_SIZE;
	expect_refused(&img, "a writable and an executable segment share a page (W^X)");
	phdr(&img, 1)->p_flags = PF_R;
	expect_valid(&img);
	/* its end in the text's page, from below */
	phdr(&img, 0)->p_vaddr = BASE + 0x2080;
	phdr(&img, 1)->p_flags = PF_R | PF_W;
	phdr(&img, 1)->p_vaddr = BASE + 0x2080 - DATA_MEMORY_SIZE;
	img.header.e_entry = BASE + 0x2090;
	expect_refused(&img, "a writable and an executable segment share a page (W^X)");
	phdr(&img, 1)->p_vaddr = BASE + 0x2000 - DATA_MEMORY_SIZE;
	expect_valid(&img);
}

static void test_reason_is_cut_to_the_buffer(void **state)
{
	struct image img = valid_image();
	char small[8];
	struct elf_image out;

	(void)state;
	img.header.e_machine = EM_X86_64;
	memset(small, '#', sizeof(small));
	assert_int_equal(elf_check(img.bytes, img.size, BASE, MEMORY_SIZE, &out, small, sizeof(small)),
			 -1);
	assert_string_equal(small, "not an ");
}

static void test_load_copies_and_zero_fills(void **state)
{
	struct image img = valid_image();
	uint8_t *memory = malloc(MEMORY_SIZE);

	(void)state;
	assert_non_null(memory);
	expect_valid(&img);
	/* what was there before: a reload must leave nothing of it */
	memset(memory, 0xaa, MEMORY_SIZE);
	elf_load(img.bytes, &loaded, BASE, memory, MEMORY_SIZE);
	assert_memory_equal(memory, img.bytes + TEXT_OFFSET, TEXT_SIZE);
	assert_memory_equal(memory + (DATA_VADDR - BASE), img.bytes + DATA_OFFSET, DATA_FILE_SIZE);
	for (uint32_t i = DATA_FILE_SIZE; i < DATA_MEMORY_SIZE; i++)
		assert_int_equal(memory[DATA_VADDR - BASE + i], 0);
	/* and everything outside the segments is cleared */
	assert_int_equal(memory[TEXT_SIZE], 0);
	assert_int_equal(memory[DATA_VADDR - BASE - 1], 0);
	assert_int_equal(memory[DATA_VADDR - BASE + DATA_MEMORY_SIZE], 0);
	assert_int_equal(memory[MEMORY_SIZE - 1], 0);
	free(memory);
}

static void test_load_page_by_page_equals_whole(void **state)
{
	struct image img = valid_image();
	uint8_t *whole = malloc(MEMORY_SIZE), *paged = malloc(MEMORY_SIZE);

	(void)state;
	assert_non_null(whole);
	assert_non_null(paged);
	expect_valid(&img);
	elf_load(img.bytes, &loaded, BASE, whole, MEMORY_SIZE);
	memset(paged, 0x55, MEMORY_SIZE);
	/* out of order, as a reload spread over windows could never do, to show pages are independent */
	for (uint32_t offset = MEMORY_SIZE; offset > 0; offset -= ELF_PAGE_SIZE)
		elf_load_page(img.bytes, &loaded, BASE, paged, offset - ELF_PAGE_SIZE);
	assert_memory_equal(whole, paged, MEMORY_SIZE);
	free(whole);
	free(paged);
}

/* The valid image with a section table: the APEX layer's section and the names' string table. */
#define SECTION_NAMES_OFFSET 0x1c00u
#define SECTION_TABLE_OFFSET 0x1d00u
#define APEX_WORD_OFFSET 0x1e00u
static const char section_names[] = "\0.bulkhead_apex\0.shstrtab";

static Elf32_Shdr *shdr(struct image *img, uint32_t i)
{
	return (Elf32_Shdr *)(img->bytes + SECTION_TABLE_OFFSET) + i;
}

static struct image marked_image(void)
{
	struct image img = valid_image();

	memcpy(img.bytes + SECTION_NAMES_OFFSET, section_names, sizeof(section_names));
	img.header.e_shoff = SECTION_TABLE_OFFSET;
	img.header.e_shentsize = sizeof(Elf32_Shdr);
	img.header.e_shnum = 3;
	img.header.e_shstrndx = 2;
	*shdr(&img, 1) = (Elf32_Shdr){ .sh_name = 1, .sh_type = SHT_PROGBITS,
		.sh_offset = APEX_WORD_OFFSET, .sh_size = 4 };
	*shdr(&img, 2) = (Elf32_Shdr){ .sh_name = 16, .sh_type = SHT_STRTAB,
		.sh_offset = SECTION_NAMES_OFFSET, .sh_size = sizeof(section_names) };
	img.bytes[APEX_WORD_OFFSET] = 1;
	return img;
}

/* elf_has_section on an exact-size copy of the image's first `size` bytes. */
static int has_apex_section(const struct image *img)
{
	uint8_t *file = malloc(img->size);
	int found;

	assert_non_null(file);
	memcpy(file, img->bytes, img->size);
	found = elf_has_section(file, img->size, APEX_IMAGE_SECTION);
	free(file);
	return found;
}

static void test_apex_section(void **state)
{
	struct image img = marked_image();

	(void)state;
	expect_valid(&img);
	assert_true(has_apex_section(&img));
	/* no section table: a stripped image */
	img = valid_image();
	assert_false(has_apex_section(&img));
	/* another name, and a prefix of it */
	img = marked_image();
	img.bytes[SECTION_NAMES_OFFSET + 1 + 9] = 'X';
	assert_false(has_apex_section(&img));
	img = marked_image();
	shdr(&img, 1)->sh_name = 2;
	assert_false(has_apex_section(&img));
	/* a name past the string table, or running out of it */
	img = marked_image();
	shdr(&img, 1)->sh_name = 0xfffffff0u;
	assert_false(has_apex_section(&img));
	img = marked_image();
	shdr(&img, 2)->sh_size = 10;
	assert_false(has_apex_section(&img));
	/* a table past the end of the file, or the names' index beyond it */
	img = marked_image();
	img.size = SECTION_TABLE_OFFSET + 2 * sizeof(Elf32_Shdr);
	assert_false(has_apex_section(&img));
	img = marked_image();
	img.header.e_shstrndx = 3;
	assert_false(has_apex_section(&img));
	img = marked_image();
	img.header.e_shentsize = sizeof(Elf32_Shdr) + 4;
	assert_false(has_apex_section(&img));
	/* the section's bytes: none (bss-like, or empty), or past the end of the file */
	img = marked_image();
	shdr(&img, 1)->sh_type = SHT_NOBITS;
	assert_false(has_apex_section(&img));
	img = marked_image();
	shdr(&img, 1)->sh_size = 0;
	assert_false(has_apex_section(&img));
	img = marked_image();
	shdr(&img, 1)->sh_offset = FILE_SIZE - 2;
	assert_false(has_apex_section(&img));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_image),
		cmocka_unit_test(test_short_file),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_wrong_class),
		cmocka_unit_test(test_wrong_data_encoding),
		cmocka_unit_test(test_wrong_version),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_wrong_machine),
		cmocka_unit_test(test_wrong_header_size),
		cmocka_unit_test(test_wrong_program_header_size),
		cmocka_unit_test(test_no_program_headers),
		cmocka_unit_test(test_too_many_program_headers),
		cmocka_unit_test(test_program_headers_past_the_end),
		cmocka_unit_test(test_file_size_larger_than_memory_size),
		cmocka_unit_test(test_segment_data_past_the_end),
		cmocka_unit_test(test_segment_outside_memory),
		cmocka_unit_test(test_overlapping_segments),
		cmocka_unit_test(test_write_and_execute),
		cmocka_unit_test(test_too_many_segments),
		cmocka_unit_test(test_no_loadable_segment),
		cmocka_unit_test(test_entry_outside_executable_segments),
		cmocka_unit_test(test_reason_is_cut_to_the_buffer),
		cmocka_unit_test(test_load_copies_and_zero_fills),
		cmocka_unit_test(test_load_page_by_page_equals_whole),
		cmocka_unit_test(test_apex_section),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
