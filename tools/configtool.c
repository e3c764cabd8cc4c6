/*
 * Host side of a deployment config: validates it with the kernel's own validator (so a bad config
 * fails the build with the file, the field and the reason), checks what only the build can see
 * (each image is a partition directory; each built image, judged by the kernel's own ELF checker,
 * fits below its partition's stack), and writes what the build needs from it: the image list,
 * GRUB's configuration and QEMU's -initrd list.
 *
 * Built per config: cc -DCONFIG_SOURCE='"configs/x.c"' configtool.c configs/x.c core/config_check.c
 * core/elf_loader.c lib/format.c
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <core/deployment.h>
#include <core/elf_loader.h>
#include <public/hypercall.h>

#ifndef CONFIG_SOURCE
#define CONFIG_SOURCE "config"
#endif

/* "did you mean" offers a directory at most this many edits away (and 1 edit per 3 characters) */
#define SUGGEST_DISTANCE 2
#define SUGGEST_NAME_MAX 64

static int refuse(const char *field_fmt, int index, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The validator's words: "file: error: field: reason". */
static int refuse(const char *field_fmt, int index, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: error: ", CONFIG_SOURCE);
	fprintf(stderr, field_fmt, index);
	fprintf(stderr, ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 1;
}

static int check(void)
{
	struct config_error err;

	if (config_validate(&deployment, CONFIG_KERNEL_MAPPED_RAM, &err) == 0)
		return 0;
	fprintf(stderr, "%s: error: %s: %s\n", CONFIG_SOURCE, err.field, err.reason);
	return 1;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int same_folder(const char *a, const char *b)
{
	size_t folder = (size_t)(base_name(a) - a);

	return folder == (size_t)(base_name(b) - b) && strncmp(a, b, folder) == 0;
}

/* Levenshtein distance; names longer than SUGGEST_NAME_MAX count as far from everything. */
static unsigned int edit_distance(const char *a, const char *b)
{
	unsigned int row[SUGGEST_NAME_MAX + 1];
	size_t la = strlen(a), lb = strlen(b);

	if (la > SUGGEST_NAME_MAX || lb > SUGGEST_NAME_MAX)
		return ~0u;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned int)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned int diagonal = row[0];

		row[0] = (unsigned int)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned int above = row[j];
			unsigned int best = diagonal + (a[i - 1] != b[j - 1]);

			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb];
}

/* Each image must be built from one of `dirs` (the partition directories, by path), if given. */
static int image_directories(int count, char **dirs)
{
	uint32_t n = count ? deployment_partition_count(&deployment) : 0;

	for (uint32_t i = 0; i < n; i++) {
		const char *image = deployment.partitions[i].image, *closest = NULL;
		unsigned int closest_distance = SUGGEST_DISTANCE + 1;
		int found = 0;

		for (int k = 0; k < count && !found; k++) {
			const char *name = base_name(dirs[k]);
			unsigned int distance = edit_distance(image, name);

			found = distance == 0;
			if (distance < closest_distance && 3 * distance <= strlen(image)) {
				closest = name;
				closest_distance = distance;
			}
		}
		if (found)
			continue;
		refuse("partitions[%d].image", (int)i, "no partition directory is called '%s'%s%s%s",
		       image, closest ? "; did you mean '" : "", closest ? closest : "",
		       closest ? "'?" : "");
		fprintf(stderr, "%s: note: the partition directories are", CONFIG_SOURCE);
		/* grouped by folder: "partitions/: a, b; tests/partitions/: c" */
		for (int k = 0; k < count; k++)
			if (k == 0 || !same_folder(dirs[k], dirs[k - 1]))
				fprintf(stderr, "%s %.*s: %s", k ? ";" : "",
					(int)(base_name(dirs[k]) - dirs[k]), dirs[k], base_name(dirs[k]));
			else
				fprintf(stderr, ", %s", base_name(dirs[k]));
		fprintf(stderr, "\n");
		return 1;
	}
	return 0;
}

/* The whole file at `path` in a malloc'd buffer, or NULL with errno set. */
static void *read_file(const char *path, uint32_t *size)
{
	FILE *f = fopen(path, "rb");
	void *data = NULL;
	long length;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (length = ftell(f)) >= 0 && length <= UINT32_MAX &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc(length ? (size_t)length : 1)) &&
	    fread(data, 1, (size_t)length, f) == (size_t)length) {
		*size = (uint32_t)length;
	} else {
		free(data);
		data = NULL;
		errno = errno ? errno : EIO;
	}
	fclose(f);
	return data;
}

/*
 * The image must end at or below its partition's stack guard page: memory_size - stack - one page
 * from BH_PARTITION_BASE. The kernel checks it again at boot with the same elf_check.
 */
static int fit_one(int i, const char *path, const void *file, uint32_t size)
{
	const struct partition_config *p = &deployment.partitions[i];
	uint32_t stack = p->stack_size ? p->stack_size : CONFIG_DEFAULT_STACK_SIZE;
	uint32_t room = p->memory_size - stack - CONFIG_PAGE_SIZE;   /* validated: at least a page */
	struct elf_image img;
	uint32_t end = 0;
	char why[96];

	if (elf_check(file, size, BH_PARTITION_BASE, room, &img, why, sizeof(why)) == 0)
		return 0;
	/* the same checks with all the address space above the base: only the size was wrong? */
	if (elf_check(file, size, BH_PARTITION_BASE, 0u - BH_PARTITION_BASE, &img, why, sizeof(why)))
		return refuse("partitions[%d].image", i, "%s refused: %s", path, why);
	for (uint32_t s = 0; s < img.segment_count; s++) {
		uint32_t segment_end = img.segments[s].vaddr - BH_PARTITION_BASE +
				       img.segments[s].mem_size;

		if (segment_end > end)
			end = segment_end;
	}
	return refuse("partitions[%d].image", i,
		      "%s needs %u bytes, more than the %u that partition '%s' leaves for its image: "
		      "%u bytes of memory less %s %u-byte stack and its %u-byte guard page", path, end,
		      room, p->name, p->memory_size, p->stack_size ? "a" : "the default", stack,
		      CONFIG_PAGE_SIZE);
}

static int fit(const char *dir)
{
	uint32_t n = deployment_partition_count(&deployment);

	for (uint32_t i = 0; i < n; i++) {
		char path[4096];
		uint32_t size;
		void *file;
		int refused;

		snprintf(path, sizeof(path), "%s/%s.elf", dir, deployment.partitions[i].image);
		errno = 0;
		file = read_file(path, &size);
		if (!file)
			return refuse("partitions[%d].image", (int)i, "cannot read %s: %s", path,
				      strerror(errno));
		refused = fit_one((int)i, path, file, size);
		free(file);
		if (refused)
			return 1;
	}
	return 0;
}

static void images(const char *prefix, const char *suffix, const char *separator)
{
	uint32_t n = deployment_partition_count(&deployment);

	for (uint32_t i = 0; i < n; i++)
		printf("%s%s%s%s", i ? separator : "", prefix, deployment.partitions[i].image, suffix);
	printf("\n");
}

/* A word in GRUB's single quotes, where nothing but the quote itself is special. */
static void grub_quoted(const char *prefix, const char *s, const char *suffix)
{
	printf("'%s", prefix);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	printf("%s'", suffix);
}

/*
 * The menu never waits for a key: GRUB does after any error in an entry, and then boots the entry
 * again, forever. So a module that is missing is left out (the kernel then names it and starts the
 * others), and a kernel GRUB cannot load ends the boot. Under QEMU, isa-debug-exit (port 0xf4, as
 * arch/x86/machine.c uses it) makes the exit status 37 = 0x12 * 2 + 1, next to the kernel's 33
 * (shutdown) and 35 (panic); on a PC without it, halt powers off.
 */
static void grub_halt(const char *indent, const char *why)
{
	/* GRUB wraps lines at 80 columns */
	printf("%secho \"bulkhead: %s; halting, QEMU exits 37\"\n", indent, why);
	printf("%soutb 0xf4 0x12\n%shalt\n", indent, indent);
}

static void grub_cfg(int argc, char **argv)
{
	uint32_t n = deployment_partition_count(&deployment);

	printf("set timeout=0\nset default=0\n");
	printf("serial --unit=0 --speed=115200 --word=8 --parity=no --stop=1\n");
	printf("terminal_input serial\nterminal_output serial\n");
	printf("menuentry ");
	grub_quoted("Bulkhead (", deployment.name, ")");
	printf(" {\n\tif ! multiboot /boot/bulkhead.elf");
	for (int i = 0; i < argc; i++) {
		printf(" ");
		grub_quoted("", argv[i], "");
	}
	printf("; then\n");
	grub_halt("\t\t", "GRUB cannot load /boot/bulkhead.elf");
	printf("\tfi\n");
	for (uint32_t i = 0; i < n; i++) {
		const char *image = deployment.partitions[i].image;

		/* GRUB passes no path of its own: the module's string names the partition image */
		printf("\tif [ -f /boot/%s.elf ]; then module /boot/%s.elf /boot/%s.elf; fi\n", image,
		       image, image);
	}
	printf("\tboot\n");
	grub_halt("\t", "GRUB could not start the kernel");
	printf("}\n");
}

int main(int argc, char **argv)
{
	const char *command = argc >= 2 ? argv[1] : "";

	if (check())
		return 1;
	if (strcmp(command, "check") == 0)
		return image_directories(argc - 2, argv + 2);
	if (strcmp(command, "fit") == 0 && argc == 3)
		return fit(argv[2]);
	if (strcmp(command, "images") == 0) {
		images("", "", " ");
		return 0;
	}
	if (strcmp(command, "initrd") == 0 && argc == 3) {
		char prefix[512];

		snprintf(prefix, sizeof(prefix), "%s/", argv[2]);
		images(prefix, ".elf", ",");
		return 0;
	}
	if (strcmp(command, "grub-cfg") == 0) {
		grub_cfg(argc - 2, argv + 2);
		return 0;
	}
	fprintf(stderr, "usage: configtool check [PARTITION_DIR...] | fit IMAGE_DIR | images | "
		"initrd IMAGE_DIR | grub-cfg [KERNEL OPTIONS]\n");
	return 2;
}
