/*
 * ELF loader for partition images. elf_check is pure and trusts nothing in the file: the kernel
 * runs it at boot and the host fuzzer runs the same code.
 */
#include <core/elf_loader.h>
#include <lib/format.h>
#include <lib/string.h>

#define EI_NIDENT 16
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define EM_386 3
#define PT_NULL 0
#define PT_LOAD 1
#define MAX_PROGRAM_HEADERS 64
#define SHT_NOBITS 8

struct elf_header {
	unsigned char ident[EI_NIDENT];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_program_header {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

struct elf_section_header {
	uint32_t name, type, flags, addr, offset, size, link, info, addralign, entsize;
};

static int refuse(char *why, size_t why_size, const char *reason)
{
	format_string(why, why_size, "%s", reason);
	return -1;
}

/* [start, start + len) inside [0, limit), without overflow */
static int fits(uint32_t start, uint32_t len, uint32_t limit)
{
	return start <= limit && len <= limit - start;
}

static int check_header(const struct elf_header *h, uint32_t size, char *why, size_t n)
{
	if (memcmp(h->ident, "\177ELF", 4) != 0)
		return refuse(why, n, "not an ELF file (bad magic)");
	if (h->ident[4] != ELFCLASS32)
		return refuse(why, n, "not a 32-bit ELF (wrong class)");
	if (h->ident[5] != ELFDATA2LSB)
		return refuse(why, n, "not little-endian");
	if (h->ident[6] != EV_CURRENT || h->version != EV_CURRENT)
		return refuse(why, n, "unknown ELF version");
	if (h->type != ET_EXEC)
		return refuse(why, n, "not an executable (ET_EXEC)");
	if (h->machine != EM_386)
		return refuse(why, n, "not an x86 (EM_386) image: wrong machine");
	if (h->ehsize != sizeof(*h))
		return refuse(why, n, "bad ELF header size");
	if (h->phentsize != sizeof(struct elf_program_header))
		return refuse(why, n, "bad program header size");
	if (h->phnum == 0)
		return refuse(why, n, "no program headers");
	if (h->phnum > MAX_PROGRAM_HEADERS)
		return refuse(why, n, "too many program headers");
	if (!fits(h->phoff, (uint32_t)h->phnum * sizeof(struct elf_program_header), size))
		return refuse(why, n, "program headers past the end of the file");
	return 0;
}

static int check_segment(const struct elf_program_header *ph, uint32_t size, uint32_t base,
			 uint32_t mem_size, char *why, size_t n)
{
	if (ph->filesz > ph->memsz)
		return refuse(why, n, "segment file size larger than its memory size");
	if (!fits(ph->offset, ph->filesz, size))
		return refuse(why, n, "segment data past the end of the file");
	if (ph->vaddr < base || !fits(ph->vaddr - base, ph->memsz, mem_size)) {
		format_string(why, n, "segment [0x%x, 0x%llx) outside the partition's memory "
			      "[0x%x, 0x%llx)", ph->vaddr, (unsigned long long)ph->vaddr + ph->memsz,
			      base, (unsigned long long)base + mem_size);
		return -1;
	}
	if ((ph->flags & (ELF_PF_W | ELF_PF_X)) == (ELF_PF_W | ELF_PF_X))
		return refuse(why, n, "segment both writable and executable (W^X)");
	return 0;
}

/* Whether two segments inside the memory have a page in common. */
static int share_page(uint32_t a, uint32_t a_size, uint32_t b, uint32_t b_size)
{
	uint32_t a_first = a / ELF_PAGE_SIZE, a_last = (a + a_size - 1) / ELF_PAGE_SIZE;
	uint32_t b_first = b / ELF_PAGE_SIZE, b_last = (b + b_size - 1) / ELF_PAGE_SIZE;

	return a_first <= b_last && b_first <= a_last;
}

int elf_check(const void *file, uint32_t size, uint32_t base, uint32_t mem_size,
	      struct elf_image *out, char *why, size_t why_size)
{
	struct elf_header header;
	const struct elf_header *h = &header;
	int entry_ok = 0;

	memset(out, 0, sizeof(*out));
	if (size < sizeof(header))
		return refuse(why, why_size, "file shorter than an ELF header");
	/* copied out: the file gives no alignment guarantee */
	memcpy(&header, file, sizeof(header));
	if (check_header(h, size, why, why_size))
		return -1;
	for (uint32_t i = 0; i < h->phnum; i++) {
		struct elf_program_header seg;
		struct elf_segment *s;

		memcpy(&seg, (const uint8_t *)file + h->phoff + i * sizeof(seg), sizeof(seg));
		/* an empty segment loads nothing; one with file bytes but no memory is malformed */
		if (seg.type != PT_LOAD || (seg.memsz == 0 && seg.filesz == 0))
			continue;
		if (out->segment_count == ELF_MAX_SEGMENTS)
			return refuse(why, why_size, "too many loadable segments");
		if (check_segment(&seg, size, base, mem_size, why, why_size))
			return -1;
		for (uint32_t j = 0; j < out->segment_count; j++) {
			const struct elf_segment *o = &out->segments[j];

			if (seg.vaddr < o->vaddr + o->mem_size && o->vaddr < seg.vaddr + seg.memsz)
				return refuse(why, why_size, "segments overlap");
			/* a page takes the access of every segment in it */
			if (((seg.flags | o->flags) & (ELF_PF_W | ELF_PF_X)) == (ELF_PF_W | ELF_PF_X) &&
			    share_page(seg.vaddr, seg.memsz, o->vaddr, o->mem_size))
				return refuse(why, why_size, "a writable and an executable segment share a "
					      "page (W^X)");
		}
		s = &out->segments[out->segment_count++];
		s->file_offset = seg.offset;
		s->file_size = seg.filesz;
		s->vaddr = seg.vaddr;
		s->mem_size = seg.memsz;
		s->flags = seg.flags & (ELF_PF_R | ELF_PF_W | ELF_PF_X);
		if ((seg.flags & ELF_PF_X) && h->entry >= s->vaddr && h->entry - s->vaddr < s->mem_size)
			entry_ok = 1;
	}
	if (out->segment_count == 0)
		return refuse(why, why_size, "no loadable segment");
	if (!entry_ok)
		return refuse(why, why_size, "entry point outside every executable segment");
	out->entry = h->entry;
	return 0;
}

/* The 4-byte field at `offset` of the file, in one load whatever its alignment: the boot looks
 * at every section of every image, and a whole header copied would cost more than the rest. */
static uint32_t field(const void *file, uint32_t offset)
{
	uint32_t value;

	__builtin_memcpy(&value, (const uint8_t *)file + offset, sizeof(value));
	return value;
}

int elf_has_section(const void *file, uint32_t size, const char *name)
{
	uint32_t length = (uint32_t)strlen(name) + 1, names, names_size;
	const uint8_t *bytes = file;
	struct elf_header h;

	if (size < sizeof(h))
		return 0;
	memcpy(&h, file, sizeof(h));
	if (h.shentsize != sizeof(struct elf_section_header) || h.shstrndx >= h.shnum ||
	    !fits(h.shoff, (uint32_t)h.shnum * sizeof(struct elf_section_header), size))
		return 0;
	names = field(file, h.shoff + h.shstrndx * sizeof(struct elf_section_header) +
		      offsetof(struct elf_section_header, offset));
	names_size = field(file, h.shoff + h.shstrndx * sizeof(struct elf_section_header) +
			   offsetof(struct elf_section_header, size));
	if (!fits(names, names_size, size) || names_size < length)
		return 0;
	for (uint32_t i = 0, at = h.shoff; i < h.shnum; i++, at += sizeof(struct elf_section_header)) {
		uint32_t at_name = field(file, at + offsetof(struct elf_section_header, name));
		const uint8_t *candidate = bytes + names + at_name;

		/* the first two bytes first, inline: every name starts with '.' */
		if (at_name > names_size - length || candidate[1] != (uint8_t)name[1] ||
		    memcmp(candidate, name, length) != 0)
			continue;
		return field(file, at + offsetof(struct elf_section_header, type)) != SHT_NOBITS &&
		       field(file, at + offsetof(struct elf_section_header, size)) &&
		       fits(field(file, at + offsetof(struct elf_section_header, offset)),
			    field(file, at + offsetof(struct elf_section_header, size)), size);
	}
	return 0;
}

void elf_load_page(const void *file, const struct elf_image *img, uint32_t base, void *memory,
		   uint32_t offset)
{
	uint8_t *page = (uint8_t *)memory + offset;
	uint32_t page_start = base + offset, page_end = page_start + ELF_PAGE_SIZE;

	memset(page, 0, ELF_PAGE_SIZE);
	for (uint32_t i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint32_t file_end = s->vaddr + s->file_size;
		uint32_t from = s->vaddr > page_start ? s->vaddr : page_start;
		uint32_t to = file_end < page_end ? file_end : page_end;

		if (from < to)
			memcpy(page + (from - page_start),
			       (const uint8_t *)file + s->file_offset + (from - s->vaddr), to - from);
	}
}

void elf_load(const void *file, const struct elf_image *img, uint32_t base, void *memory,
	      uint32_t size)
{
	for (uint32_t offset = 0; offset < size; offset += ELF_PAGE_SIZE)
		elf_load_page(file, img, base, memory, offset);
}
