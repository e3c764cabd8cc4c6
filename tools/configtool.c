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
/* run from the top of the tree, as make does */
#ifndef CONFIG_LINES_TOOL
#define CONFIG_LINES_TOOL "python3 tools/config_lines.py"
#endif

/* "did you mean" offers a directory at most this many edits away (and 1 edit per 3 characters) */
#define SUGGEST_DISTANCE 2
#define SUGGEST_NAME_MAX 64

/*
 * Every problem is kept and printed at the end, as a compiler does: "file:line: error: field:
 * reason", with the line of the field in the config (tools/config_lines.py asks clang, and runs
 * only when there is something to print).
 */
#define MAX_ERRORS 64
/* the build's own reasons name paths and sizes: longer than the validator's */
static struct {
	char field[sizeof(((struct config_error *)0)->field)];
	char reason[512];
} errors[MAX_ERRORS];
static uint32_t error_count;
/* a note that follows the errors ("the partition directories are ..."), on the line of the error
 * at note_after */
static char note[4096];
static uint32_t note_after;

static void keep_error(const struct config_error *err, void *context)
{
	(void)context;
	if (error_count < MAX_ERRORS) {
		snprintf(errors[error_count].field, sizeof(errors[0].field), "%s", err->field);
		snprintf(errors[error_count].reason, sizeof(errors[0].reason), "%s", err->reason);
	}
	error_count++;
}

static int refuse(const char *field_fmt, int index, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse(const char *field_fmt, int index, const char *fmt, ...)
{
	va_list ap;

	if (error_count < MAX_ERRORS) {
		snprintf(errors[error_count].field, sizeof(errors[0].field), field_fmt, index);
		va_start(ap, fmt);
		vsnprintf(errors[error_count].reason, sizeof(errors[0].reason), fmt, ap);
		va_end(ap);
	}
	error_count++;
	return 1;
}

/* A word in the shell's single quotes. */
static size_t shell_quoted(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (n += (size_t)snprintf(out + n, n < size ? size - n : 0, "'"); *s; s++)
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, *s == '\'' ? "'\\''" : "%c", *s);
	return n + (size_t)snprintf(out + n, n < size ? size - n : 0, "' ");
}

/* The config's line of each kept error's field (0: not known) from CONFIG_LINES_TOOL. */
static void error_lines(uint32_t count, unsigned int *lines)
{
	char command[8192];
	size_t n = (size_t)snprintf(command, sizeof(command), "%s ", CONFIG_LINES_TOOL);
	FILE *p;

	memset(lines, 0, count * sizeof(*lines));
	n += shell_quoted(command + n, n < sizeof(command) ? sizeof(command) - n : 0, CONFIG_SOURCE);
	for (uint32_t k = 0; k < count; k++)
		n += shell_quoted(command + n, n < sizeof(command) ? sizeof(command) - n : 0,
				  errors[k].field);
	if (n >= sizeof(command) || !(p = popen(command, "r")))
		return;
	for (uint32_t k = 0; k < count && fscanf(p, "%u", &lines[k]) == 1; k++)
		;
	pclose(p);
}

static void where(unsigned int line)
{
	if (line)
		fprintf(stderr, "%s:%u: ", CONFIG_SOURCE, line);
	else
		fprintf(stderr, "%s: ", CONFIG_SOURCE);
}

/* Prints what was kept; returns 1 if that was anything, else 0. */
static int report(void)
{
	uint32_t kept = error_count < MAX_ERRORS ? error_count : MAX_ERRORS;
	unsigned int lines[MAX_ERRORS];
	uint32_t order[MAX_ERRORS];

	if (!error_count)
		return 0;
	error_lines(kept, lines);
	/* in the order of the file, as a compiler reports; the checks' order among equal lines */
	for (uint32_t k = 0; k < kept; k++)
		order[k] = k;
	for (uint32_t k = 1; k < kept; k++)
		for (uint32_t j = k; j > 0 && lines[order[j - 1]] > lines[order[j]]; j--) {
			uint32_t swap = order[j];

			order[j] = order[j - 1];
			order[j - 1] = swap;
		}
	for (uint32_t k = 0; k < kept; k++) {
		where(lines[order[k]]);
		fprintf(stderr, "error: %s: %s\n", errors[order[k]].field, errors[order[k]].reason);
	}
	if (note[0]) {
		where(lines[note_after]);
		fprintf(stderr, "note: %s\n", note);
	}
	if (error_count > kept)
		fprintf(stderr, "%s: %u more errors not shown\n", CONFIG_SOURCE, error_count - kept);
	fprintf(stderr, "%s: %u error%s\n", CONFIG_SOURCE, error_count, error_count == 1 ? "" : "s");
	return 1;
}

/* Did the validator already find partitions[i].image wrong? */
static int image_refused(uint32_t i)
{
	char field[sizeof(errors[0].field)];

	snprintf(field, sizeof(field), "partitions[%u].image", i);
	for (uint32_t k = 0; k < error_count && k < MAX_ERRORS; k++)
		if (strcmp(errors[k].field, field) == 0)
			return 1;
	return 0;
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

/* The note after the errors: the partition directories, by folder ("partitions/: a, b; ..."). */
static void note_directories(int count, char **dirs)
{
	size_t n = (size_t)snprintf(note, sizeof(note), "the partition directories are");

	for (int k = 0; k < count && n < sizeof(note); k++)
		if (k == 0 || !same_folder(dirs[k], dirs[k - 1]))
			n += (size_t)snprintf(note + n, sizeof(note) - n, "%s %.*s: %s", k ? ";" : "",
					      (int)(base_name(dirs[k]) - dirs[k]), dirs[k],
					      base_name(dirs[k]));
		else
			n += (size_t)snprintf(note + n, sizeof(note) - n, ", %s", base_name(dirs[k]));
}

/* Each image must be built from one of `dirs` (the partition directories, by path), if given. */
static void image_directories(int count, char **dirs)
{
	uint32_t n = count ? deployment_partition_count(&deployment) : 0;

	for (uint32_t i = 0; i < n; i++) {
		const char *image = deployment.partitions[i].image, *closest = NULL;
		unsigned int closest_distance = SUGGEST_DISTANCE + 1;
		int found = 0;

		if (image_refused(i))
			continue;
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
		if (!note[0]) {
			note_after = error_count < MAX_ERRORS ? error_count : MAX_ERRORS - 1;
			note_directories(count, dirs);
		}
		refuse("partitions[%d].image", (int)i, "no partition directory is called '%s'%s%s%s",
		       image, closest ? "; did you mean '" : "", closest ? closest : "",
		       closest ? "'?" : "");
	}
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

static uint32_t stack_of(const struct partition_config *p)
{
	return p->stack_size ? p->stack_size : CONFIG_DEFAULT_STACK_SIZE;
}

/* What the image may fill: the memory below the stack and its guard page (validated: a page). */
static uint32_t image_room(const struct partition_config *p)
{
	return p->memory_size - stack_of(p) - CONFIG_PAGE_SIZE;
}

/* Where the image's segments end, from BH_PARTITION_BASE; 0 with `why` if it is no image. */
static uint32_t image_end(const void *file, uint32_t size, char *why, size_t why_size)
{
	struct elf_image img;
	uint32_t end = 0;

	/* the kernel's checks with all the address space above the base: only the size is left */
	if (elf_check(file, size, BH_PARTITION_BASE, 0u - BH_PARTITION_BASE, &img, why, why_size))
		return 0;
	for (uint32_t s = 0; s < img.segment_count; s++) {
		uint32_t segment_end = img.segments[s].vaddr - BH_PARTITION_BASE +
				       img.segments[s].mem_size;

		if (segment_end > end)
			end = segment_end;
	}
	return end;
}

/*
 * An image built with the APEX layer (its section APEX_IMAGE_SECTION) needs the deployment's APEX
 * limits, and their stacks above the image, from its page-rounded end, must end below the guard
 * page too (the kernel checks both again at boot). Returns 1 when refused.
 */
static int check_apex(int i, const char *path, const void *file, uint32_t size, uint32_t end)
{
	const struct partition_config *p = &deployment.partitions[i];
	uint32_t room = image_room(p), used;

	used = (end + CONFIG_PAGE_SIZE - 1) & ~(CONFIG_PAGE_SIZE - 1);
	if (p->apex.stack_bytes > room - used)
		return refuse("partitions[%d].apex.stack_bytes", i,
			      "%s needs %u bytes (%u page rounded) and its APEX stacks %u more: "
			      "more than the %u that partition '%s' leaves for its image and APEX "
			      "stacks: %u bytes of memory less %s %u-byte stack and its %u-byte guard "
			      "page", path, end, used, p->apex.stack_bytes, room, p->name,
			      p->memory_size, p->stack_size ? "a" : "the default", stack_of(p),
			      CONFIG_PAGE_SIZE);
	if (!p->apex.processes && elf_has_section(file, size, APEX_IMAGE_SECTION))
		return refuse("partitions[%d].apex", i, "%s is built with the APEX layer (section %s), "
			      "but partition '%s' gives it no APEX limits: set apex.processes and "
			      "apex.stack_bytes", path, APEX_IMAGE_SECTION, p->name);
	return 0;
}

/*
 * The image must end at or below its partition's stack guard page: memory_size - stack - one page
 * from BH_PARTITION_BASE, with its APEX stacks if it has any (check_apex). The kernel checks it
 * again at boot with the same elf_check. Returns the end of the image, or 0 when refused.
 */
static uint32_t fit_one(int i, const char *path, const void *file, uint32_t size)
{
	const struct partition_config *p = &deployment.partitions[i];
	uint32_t room = image_room(p), end;
	struct elf_image img;
	char why[96];

	end = image_end(file, size, why, sizeof(why));
	if (!end) {
		refuse("partitions[%d].image", i, "%s refused: %s", path, why);
		return 0;
	}
	if (elf_check(file, size, BH_PARTITION_BASE, room, &img, why, sizeof(why)) == 0)
		return check_apex(i, path, file, size, end) ? 0 : end;
	refuse("partitions[%d].image", i,
	       "%s needs %u bytes, more than the %u that partition '%s' leaves for its image: %u "
	       "bytes of memory less %s %u-byte stack and its %u-byte guard page", path, end, room,
	       p->name, p->memory_size, p->stack_size ? "a" : "the default", stack_of(p),
	       CONFIG_PAGE_SIZE);
	return 0;
}

/* Each partition's image against its own memory (two may share an image, not their sizes);
 * the end of each image in `ends` if given. */
static void fit(const char *dir, uint32_t *ends)
{
	uint32_t n = deployment_partition_count(&deployment);

	for (uint32_t i = 0; i < n; i++) {
		char path[4096];
		uint32_t size, end = 0;
		void *file;

		snprintf(path, sizeof(path), "%s/%s.elf", dir, deployment.partitions[i].image);
		errno = 0;
		file = read_file(path, &size);
		if (!file)
			refuse("partitions[%d].image", (int)i, "cannot read %s: %s", path,
			       strerror(errno));
		else
			end = fit_one((int)i, path, file, size);
		free(file);
		if (ends)
			ends[i] = end;
	}
}

/* Is partition i the first to run its image? Lists of files name each image once. */
static int first_of_image(uint32_t i)
{
	for (uint32_t j = 0; j < i; j++)
		if (strcmp(deployment.partitions[j].image, deployment.partitions[i].image) == 0)
			return 0;
	return 1;
}

static void images(const char *prefix, const char *suffix, const char *separator)
{
	uint32_t n = deployment_partition_count(&deployment);
	const char *between = "";

	for (uint32_t i = 0; i < n; i++)
		if (first_of_image(i)) {
			printf("%s%s%s%s", between, prefix, deployment.partitions[i].image, suffix);
			between = separator;
		}
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
 * platform/pc/debug_exit.c uses it) makes the exit status 37 = 0x12 * 2 + 1, next to the kernel's 33
 * (shutdown) and 35 (panic); on a PC without it, halt powers off.
 */
static void grub_halt(const char *indent, const char *why)
{
	/* GRUB wraps lines at 80 columns */
	printf("%secho \"bulkhead: %s; halting, QEMU exits 37\"\n", indent, why);
	printf("%soutb 0xf4 0x12\n%shalt\n", indent, indent);
}

/*
 * The kernel options QEMU runs a deployment with (make run, run-kernel, debug): the given ones,
 * and for a deployment on several CPUs the pacer (platform/pc/pacer.h) unless one is given:
 * under QEMU's one-CPU-at-a-time TCG, a partition that computes without blocking would otherwise
 * hold back the other CPUs' windows.
 */
#define RUN_PACER "pacer=2000"

static bool needs_pacer(int argc, char **argv)
{
	if (deployment.cpus <= 1)
		return false;
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "pacer=", 6) == 0)
			return false;
	return true;
}

static void run_cmdline(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("%s%s", i ? " " : "", argv[i]);
	if (needs_pacer(argc, argv))
		printf("%s%s", argc ? " " : "", RUN_PACER);
	printf("\n");
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
	if (needs_pacer(argc, argv))
		printf(" %s", RUN_PACER);
	printf("; then\n");
	grub_halt("\t\t", "GRUB cannot load /boot/bulkhead.elf");
	printf("\tfi\n");
	for (uint32_t i = 0; i < n; i++) {
		const char *image = deployment.partitions[i].image;

		if (!first_of_image(i))
			continue;
		/* GRUB passes no path of its own: the module's string names the partition image */
		printf("\tif [ -f /boot/%s.elf ]; then module /boot/%s.elf /boot/%s.elf; fi\n", image,
		       image, image);
	}
	printf("\tboot\n");
	grub_halt("\t", "GRUB could not start the kernel");
	printf("}\n");
}

/* --- show: the deployment as the kernel will run it ------------------------------------------ */

/* A size as a config writes it: KIB(x), MIB(x) or bytes. */
static const char *size_words(uint64_t bytes, char *out, size_t size)
{
	if (bytes && bytes % (1u << 20) == 0)
		snprintf(out, size, "%llu MiB", (unsigned long long)(bytes >> 20));
	else if (bytes && bytes % (1u << 10) == 0)
		snprintf(out, size, "%llu KiB", (unsigned long long)(bytes >> 10));
	else
		snprintf(out, size, "%llu bytes", (unsigned long long)bytes);
	return out;
}

/* A time in microseconds, with the nanoseconds when there are any. */
static const char *time_words(uint64_t ns, char *out, size_t size)
{
	if (ns % 1000)
		snprintf(out, size, "%llu.%03llu us", (unsigned long long)(ns / 1000),
			 (unsigned long long)(ns % 1000));
	else
		snprintf(out, size, "%llu us", (unsigned long long)(ns / 1000));
	return out;
}

/* part of whole in per cent, one decimal, rounded down */
static const char *share_words(uint64_t part, uint64_t whole, char *out, size_t size)
{
	uint64_t permille = part * 1000 / whole;

	snprintf(out, size, "%llu.%llu%%", (unsigned long long)(permille / 10),
		 (unsigned long long)(permille % 10));
	return out;
}

static const char *event_words(int e, char *out, size_t size)
{
	static const struct { int event; const char *name; } named[] = {
		{ HM_EVENT_DIVIDE_ERROR, "HM_EVENT_DIVIDE_ERROR" },
		{ HM_EVENT_INVALID_OPCODE, "HM_EVENT_INVALID_OPCODE" },
		{ HM_EVENT_GENERAL_PROTECTION, "HM_EVENT_GENERAL_PROTECTION" },
		{ HM_EVENT_PAGE_FAULT, "HM_EVENT_PAGE_FAULT" },
		{ HM_EVENT_APPLICATION_ERROR, "HM_EVENT_APPLICATION_ERROR" },
		{ HM_EVENT_VCPU_MISUSE, "HM_EVENT_VCPU_MISUSE" },
		{ HM_EVENT_STACK_OVERFLOW, "HM_EVENT_STACK_OVERFLOW" },
	};

	for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++)
		if (named[k].event == e) {
			snprintf(out, size, "%s (%d)", named[k].name, e);
			return out;
		}
	snprintf(out, size, "exception %d", e);
	return out;
}

static const char *const action_words[HM_ACTION_COUNT] = {
	"HM_ACTION_DEFAULT", "HM_ACTION_LOG", "HM_ACTION_STOP", "HM_ACTION_COLD_RESTART",
	"HM_ACTION_WARM_RESTART", "HM_ACTION_SHUTDOWN",
};

/* Each partition's range, its image room, guard page and stack, and the gaps, in address order. */
static void show_memory(const uint32_t *ends)
{
	uint32_t n = deployment_partition_count(&deployment), order[CONFIG_MAX_PARTITIONS];
	uint64_t at = CONFIG_PARTITION_MEMORY_FLOOR, used = 0;
	const uint64_t ram_end = CONFIG_KERNEL_MAPPED_RAM;
	char a[32], b[32];

	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = i;

		for (; k > 0 && deployment.partitions[order[k - 1]].memory_base >
				deployment.partitions[i].memory_base; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	printf("memory: partitions may use [0x%08x, 0x%08llx), %s (at boot: the machine's RAM, if "
	       "less)\n", CONFIG_PARTITION_MEMORY_FLOOR, (unsigned long long)ram_end,
	       size_words(ram_end - CONFIG_PARTITION_MEMORY_FLOOR, a, sizeof(a)));
	for (uint32_t k = 0; k < n; k++) {
		const struct partition_config *p = &deployment.partitions[order[k]];
		uint32_t room = image_room(p), stack = stack_of(p);

		if (p->memory_base > at)
			printf("  [0x%08llx, 0x%08x)  %s free\n", (unsigned long long)at, p->memory_base,
			       size_words(p->memory_base - at, a, sizeof(a)));
		printf("  [0x%08x, 0x%08x)  %s partition '%s' (at 0x%08x in its own address space)\n",
		       p->memory_base, p->memory_base + p->memory_size,
		       size_words(p->memory_size, a, sizeof(a)), p->name, BH_PARTITION_BASE);
		printf("      image  [0x%08x, 0x%08x)  %s for '%s'", p->memory_base, p->memory_base + room,
		       size_words(room, a, sizeof(a)), p->image);
		if (ends)
			printf(", %u bytes used", ends[order[k]]);
		printf("\n      guard  [0x%08x, 0x%08x)  %s, unmapped\n", p->memory_base + room,
		       p->memory_base + room + CONFIG_PAGE_SIZE, size_words(CONFIG_PAGE_SIZE, a, sizeof(a)));
		printf("      stack  [0x%08x, 0x%08x)  %s, vcpu 0's%s\n", p->memory_base + room +
		       CONFIG_PAGE_SIZE, p->memory_base + p->memory_size, size_words(stack, a, sizeof(a)),
		       p->stack_size ? "" : " (CONFIG_DEFAULT_STACK_SIZE)");
		at = (uint64_t)p->memory_base + p->memory_size;
		used += p->memory_size;
	}
	if (at < ram_end)
		printf("  [0x%08llx, 0x%08llx)  %s free\n", (unsigned long long)at,
		       (unsigned long long)ram_end, size_words(ram_end - at, a, sizeof(a)));
	printf("  used %s by %u partition%s, %s left\n", size_words(used, a, sizeof(a)), n,
	       n == 1 ? "" : "s",
	       size_words(ram_end - CONFIG_PARTITION_MEMORY_FLOOR - used, b, sizeof(b)));
}

/* The CPUs the deployment runs on (cpus, 0 meaning 1). */
static uint32_t cpu_total(void)
{
	return deployment.cpus ? deployment.cpus : 1;
}

/* The windows of one CPU in the schedule, with the idle time between them; each line starts
 * with `prefix` ("cpu 1 " with several CPUs, else nothing). */
static void show_windows(const struct schedule_view *s, uint32_t cpu, const char *prefix)
{
	uint64_t at = 0;
	char a[32], b[32];

	for (uint32_t w = 0; w < s->window_count; w++) {
		const struct window_config *win = &s->windows[w];

		if (win->cpu != cpu)
			continue;
		if (win->offset_ns > at)
			printf("  %sidle      [%s, %s)\n", prefix, time_words(at, a, sizeof(a)),
			       time_words(win->offset_ns, b, sizeof(b)));
		printf("  %swindow %-2u [%s, %s)  %s\n", prefix, w,
		       time_words(win->offset_ns, a, sizeof(a)),
		       time_words(win->offset_ns + win->duration_ns, b, sizeof(b)), win->partition);
		at = win->offset_ns + win->duration_ns;
	}
	if (at < s->major_frame_ns)
		printf("  %sidle      [%s, %s)\n", prefix, time_words(at, a, sizeof(a)),
		       time_words(s->major_frame_ns, b, sizeof(b)));
}

/* The time `partition` has on `cpu` per frame of the schedule, and in how many windows. */
static uint64_t time_on_cpu(const struct schedule_view *s, const char *partition, uint32_t cpu,
			    uint32_t *windows)
{
	uint64_t mine = 0;

	*windows = 0;
	for (uint32_t w = 0; w < s->window_count; w++)
		if (s->windows[w].cpu == cpu && strcmp(s->windows[w].partition, partition) == 0) {
			mine += s->windows[w].duration_ns;
			(*windows)++;
		}
	return mine;
}

/* "  name   2000 us  20.0%": a share of the frame, a line's start. */
static void share_start(const char *prefix, const char *name, uint64_t part, uint64_t frame)
{
	char a[32], b[32];

	printf("  %s%-16s %12s %6s", prefix, name, time_words(part, a, sizeof(a)),
	       share_words(part, frame, b, sizeof(b)));
}

/* How p's vcpus share its windows, and whether it is a system partition: a line's end. */
static void show_vcpu_policy(const struct partition_config *p)
{
	char a[32];

	if (p->vcpu_count > 1) {
		printf(", priorities");
		for (uint32_t v = 0; v < p->vcpu_count; v++)
			printf(" %u", p->priority[v]);
		printf(", quantum %s", time_words(p->quantum_ns, a, sizeof(a)));
	}
	printf("%s\n", p->system ? ", system partition" : "");
}

static void show_absent(const char *partition)
{
	printf("  %-16s not in this schedule: does not run while it is in force\n", partition);
}

/* Each partition's share of the one CPU's frame, its vcpus, and the idle time. */
static void show_shares(const struct schedule_view *s)
{
	uint32_t np = deployment_partition_count(&deployment);
	uint64_t busy = 0;

	for (uint32_t i = 0; i < np; i++) {
		const struct partition_config *p = &deployment.partitions[i];
		uint32_t windows;
		uint64_t mine = time_on_cpu(s, p->name, 0, &windows);

		if (!windows) {
			show_absent(p->name);
			continue;
		}
		busy += mine;
		share_start("", p->name, mine, s->major_frame_ns);
		printf("  %u window%s, %u vcpu%s", windows, windows == 1 ? "" : "s", p->vcpu_count,
		       p->vcpu_count == 1 ? "" : "s");
		show_vcpu_policy(p);
	}
	share_start("", "idle", s->major_frame_ns - busy, s->major_frame_ns);
	printf("\n");
}

/* With several CPUs: each CPU's frame apart, the share of each partition on it and its idle
 * time; the vcpus are listed once, with their CPUs, after the schedules (show_vcpu_cpus). */
static void show_shares_per_cpu(const struct schedule_view *s)
{
	uint32_t np = deployment_partition_count(&deployment);
	uint32_t in_schedule[CONFIG_MAX_PARTITIONS] = { 0 };    /* windows on any CPU */
	char prefix[16];

	for (uint32_t cpu = 0; cpu < cpu_total(); cpu++) {
		uint64_t busy = 0;

		snprintf(prefix, sizeof(prefix), "cpu %u ", cpu);
		for (uint32_t i = 0; i < np; i++) {
			uint32_t windows;
			uint64_t mine = time_on_cpu(s, deployment.partitions[i].name, cpu, &windows);

			if (!windows)
				continue;
			in_schedule[i] += windows;
			busy += mine;
			share_start(prefix, deployment.partitions[i].name, mine, s->major_frame_ns);
			printf("  %u window%s\n", windows, windows == 1 ? "" : "s");
		}
		share_start(prefix, "idle", s->major_frame_ns - busy, s->major_frame_ns);
		printf("\n");
	}
	for (uint32_t i = 0; i < np; i++)
		if (!in_schedule[i])
			show_absent(deployment.partitions[i].name);
}

/* One schedule's windows with the idle time between them, then each partition's share of its
 * frame; with several schedules (docs/schedules.md), each in turn, named, and who does not run;
 * with several CPUs (docs/smp.md), each CPU's windows and shares apart. */
static void show_one_schedule(uint32_t id, int several)
{
	uint32_t cpus = cpu_total();
	struct schedule_view s;
	char a[32], prefix[16] = "";

	deployment_schedule(&deployment, id, &s);
	if (several)
		printf("schedule %u '%s'%s: ", id, s.name,
		       (int)id == deployment_initial_schedule(&deployment) ? " (initial)" : "");
	else
		printf("schedule: ");
	printf("major frame %s, %u window%s", time_words(s.major_frame_ns, a, sizeof(a)),
	       s.window_count, s.window_count == 1 ? "" : "s");
	if (cpus > 1)
		printf(" on %u CPUs", cpus);
	if (deployment.run_frames && !several)
		printf(", shuts down after %u frame%s", deployment.run_frames,
		       deployment.run_frames == 1 ? "" : "s");
	printf("\n");
	for (uint32_t cpu = 0; cpu < cpus; cpu++) {
		if (cpus > 1)
			snprintf(prefix, sizeof(prefix), "cpu %u ", cpu);
		show_windows(&s, cpu, prefix);
	}
	printf("cpu per major frame%s%s:\n", several ? " of this schedule" : "",
	       cpus > 1 ? ", each CPU's apart" : "");
	if (cpus > 1)
		show_shares_per_cpu(&s);
	else
		show_shares(&s);
}

/* With several CPUs: the CPU of each vcpu (vcpu_cpu, or derived from its partition's windows),
 * and how the vcpus of a partition share its windows. */
static void show_vcpu_cpus(void)
{
	uint32_t np = deployment_partition_count(&deployment);

	printf("vcpus and their CPUs:\n");
	for (uint32_t i = 0; i < np; i++) {
		const struct partition_config *p = &deployment.partitions[i];

		printf("  %-16s", p->name);
		for (uint32_t v = 0; v < p->vcpu_count; v++)
			printf("%s vcpu %u on CPU %u%s", v ? "," : "", v,
			       deployment_vcpu_cpu(&deployment, i, v),
			       p->vcpu_cpu[v] ? "" : " (derived)");
		show_vcpu_policy(p);
	}
}

static void show_schedule(void)
{
	uint32_t n = deployment_schedule_count(&deployment);

	if (!deployment.schedules[0].name) {
		show_one_schedule(0, 0);
		return;
	}
	printf("schedules: %u, switched at a major frame's end by a system partition (schedule_set)"
	       " or the health monitor (hm_stop_schedule)", n);
	if (deployment.run_frames)
		printf("; shuts down after %u frame%s in all", deployment.run_frames,
		       deployment.run_frames == 1 ? "" : "s");
	printf("\n");
	for (uint32_t id = 0; id < n; id++)
		show_one_schedule(id, 1);
}

static void show_ports(void)
{
	uint32_t np = deployment_partition_count(&deployment), nc = deployment_channel_count(&deployment);
	char a[32];
	int doorbells = 0;

	printf("ports: %u channel%s\n", nc, nc == 1 ? "" : "s");
	for (uint32_t c = 0; c < nc; c++) {
		const struct channel_config *ch = &deployment.channels[c];

		printf("  %-16s %-8s %s ->", ch->name, ch->kind == CHANNEL_SAMPLING ? "sampling" :
		       "queuing", ch->source);
		for (int k = 0; k < CONFIG_MAX_PORTS_PER_CHANNEL - 1 && ch->destinations[k]; k++)
			printf("%s %s", k ? "," : "", ch->destinations[k]);
		printf("  %u-byte messages, ", ch->max_message);
		if (ch->kind == CHANNEL_SAMPLING)
			printf("refresh %s\n", time_words(ch->refresh_ns, a, sizeof(a)));
		else
			printf("depth %u\n", ch->depth);
	}
	for (uint32_t i = 0; i < np; i++) {
		const struct partition_config *p = &deployment.partitions[i];

		for (int k = 0; k < CONFIG_MAX_PARTITIONS && p->doorbell_to[k]; k++)
			printf("%s %s -> %s", doorbells++ ? "," : "doorbells:", p->name, p->doorbell_to[k]);
	}
	if (doorbells)
		printf("\n");
}

static void show_health(void)
{
	uint32_t np = deployment_partition_count(&deployment);
	char a[48], b[32];

	printf("health monitor: an event without an action of its own stops its partition\n");
	for (uint32_t i = 0; i < np; i++) {
		const struct partition_config *p = &deployment.partitions[i];
		uint32_t limit = p->restart_limit ? p->restart_limit : DEFAULT_RESTART_LIMIT;
		uint64_t span = p->restart_span_ns ? p->restart_span_ns : DEFAULT_RESTART_SPAN_NS;
		const char *between = "";

		printf("  %-16s ", p->name);
		for (int e = 0; e < HM_EVENT_COUNT; e++)
			if (p->hm_actions[e] != HM_ACTION_DEFAULT) {
				printf("%s%s: %s", between, event_words(e, a, sizeof(a)),
				       action_words[p->hm_actions[e]]);
				between = ", ";
			}
		if (span % MS(1))
			time_words(span, b, sizeof(b));
		else
			snprintf(b, sizeof(b), "%llu ms", (unsigned long long)(span / MS(1)));
		printf("%s; at most %u restart%s in %s%s", between[0] ? "" : "default actions", limit,
		       limit == 1 ? "" : "s", b, p->hm_quiet ? "; quiet (prints 1 event in 1000)" : "");
		between = "; handed to the partition:";
		for (int e = 0; e < HM_EVENT_COUNT; e++)
			if (p->hm_deliver & HM_DELIVER(e)) {
				printf("%s %s", between, event_words(e, a, sizeof(a)));
				between = ",";
			}
		if (p->apex.processes)
			printf("; APEX: %u processes, %u KiB of stacks", p->apex.processes,
			       p->apex.stack_bytes >> 10);
		if (p->hm_stop_schedule)
			printf("; stopped for good: schedule '%s' from the next frame", p->hm_stop_schedule);
		printf("\n");
	}
}

/* Shared memory areas, each user with its address and access; devices with their ports and line. */
static void show_sharing(void)
{
	uint32_t na = deployment_shared_area_count(&deployment);
	uint32_t nd = deployment_device_count(&deployment);
	char a[32];

	printf("shared memory: %u area%s\n", na, na == 1 ? "" : "s");
	for (uint32_t i = 0; i < na; i++) {
		const struct shared_area_config *area = &deployment.shared_areas[i];

		printf("  %-16s [0x%08x, 0x%08x)  %s:", area->name, area->base, area->base + area->size,
		       size_words(area->size, a, sizeof(a)));
		for (int u = 0; u < CONFIG_MAX_PARTITIONS && area->users[u].partition; u++)
			printf("%s %s at 0x%08x %s", u ? "," : "", area->users[u].partition,
			       area->users[u].address, area->users[u].writable ? "read-write" : "read-only");
		printf("\n");
	}
	printf("devices: %u\n", nd);
	for (uint32_t i = 0; i < nd; i++) {
		const struct device_config *dev = &deployment.devices[i];

		printf("  %-16s %s: ports", dev->name, dev->partition);
		for (int k = 0; k < CONFIG_MAX_IO_RANGES && dev->io[k].count; k++)
			printf("%s 0x%x-0x%x", k ? "," : "", dev->io[k].first,
			       dev->io[k].first + dev->io[k].count - 1);
		if (dev->irq)
			printf("; irq %u on vint line %u of vcpu %u", dev->irq - 1, dev->vint_line,
			       dev->vcpu);
		printf("\n");
	}
}

/*
 * make show: what the kernel makes of the deployment, after the checks the build makes (each run
 * again here: the validator, each image a partition directory, each built image fitting its
 * memory when `image_dir` is given).
 */
static int show(const char *image_dir, int dir_count, char **dirs)
{
	uint32_t np = deployment_partition_count(&deployment), ends[CONFIG_MAX_PARTITIONS], vcpus = 0;
	char a[32];

	image_directories(dir_count, dirs);
	if (!error_count && image_dir)
		fit(image_dir, ends);
	if (report())
		return 1;
	for (uint32_t i = 0; i < np; i++)
		vcpus += deployment.partitions[i].vcpu_count;
	printf("deployment '%s' (%s): %u partition%s, %u vcpu%s", deployment.name, CONFIG_SOURCE,
	       np, np == 1 ? "" : "s", vcpus, vcpus == 1 ? "" : "s");
	if (cpu_total() > 1)
		printf(", %u CPUs", cpu_total());
	printf("\n\n");
	show_memory(image_dir ? ends : NULL);
	printf("\n");
	show_schedule();
	if (cpu_total() > 1)
		show_vcpu_cpus();
	printf("\n");
	show_ports();
	printf("\n");
	show_sharing();
	printf("\n");
	show_health();
	printf("\ntrace: ");
	if (deployment.trace_classes)
		printf("classes 0x%x of %s\n", deployment.trace_classes,
		       deployment.trace_partitions == TRACE_PARTITIONS_ALL ? "every partition" :
		       (snprintf(a, sizeof(a), "partitions 0x%x", deployment.trace_partitions), a));
	else
		printf("off\n");
	printf("\nchecks passed:\n");
	printf("  core/config_check.c, as the build and the boot run it: names and list ends; vcpus "
	       "(%u of the pool of %d); memory ranges, overlaps and stacks; the schedule; the "
	       "channels; the shared areas and devices; the trace\n", vcpus, CONFIG_MAX_VCPUS);
	if (dir_count)
		printf("  every image is a partition directory\n");
	if (image_dir)
		printf("  every built image, judged by the kernel's ELF checker, ends below its "
		       "partition's stack guard page\n");
	return 0;
}

/*
 * The QEMU options that emulate the deployment's devices (their qemu_device), each given a
 * chardev named after the device: `pty` (make run prints where), `null`, or `pipe DIR`
 * (DIR/NAME.in and DIR/NAME.out, FIFOs the caller made: the tests feed and read them).
 */
static int qemu_devices(int argc, char **argv)
{
	uint32_t n = deployment_device_count(&deployment);
	const char *backend = argc >= 1 ? argv[0] : "";
	int pipe = strcmp(backend, "pipe") == 0;

	if (pipe ? argc != 2 : argc != 1 || (strcmp(backend, "pty") != 0 && strcmp(backend, "null") != 0)) {
		fprintf(stderr, "usage: configtool qemu-devices pty | null | pipe DIR\n");
		return 2;
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct device_config *dev = &deployment.devices[i];

		if (!dev->qemu_device)
			continue;
		if (pipe)
			printf("-chardev pipe,id=%s,path=%s/%s ", dev->name, argv[1], dev->name);
		else
			printf("-chardev %s,id=%s ", backend, dev->name);
		printf("-device %s,chardev=%s ", dev->qemu_device, dev->name);
	}
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *command = argc >= 2 ? argv[1] : "";

	config_check_all(&deployment, CONFIG_KERNEL_MAPPED_RAM, keep_error, NULL);
	if (strcmp(command, "check") == 0) {
		image_directories(argc - 2, argv + 2);
		return report();
	}
	if (report())
		return 1;
	if (strcmp(command, "fit") == 0 && argc == 3) {
		fit(argv[2], NULL);
		return report();
	}
	if (strcmp(command, "show") == 0)
		return show(argc >= 3 ? argv[2] : NULL, argc > 3 ? argc - 3 : 0, argv + 3);
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
	if (strcmp(command, "qemu-devices") == 0)
		return qemu_devices(argc - 2, argv + 2);
	if (strcmp(command, "cpus") == 0) {
		printf("%u\n", deployment.cpus ? deployment.cpus : 1);
		return 0;
	}
	if (strcmp(command, "cmdline") == 0) {
		run_cmdline(argc - 2, argv + 2);
		return 0;
	}
	if (strcmp(command, "grub-cfg") == 0) {
		grub_cfg(argc - 2, argv + 2);
		return 0;
	}
	fprintf(stderr, "usage: configtool check [PARTITION_DIR...] | fit IMAGE_DIR | show [IMAGE_DIR "
		"[PARTITION_DIR...]] "
		"| images | initrd IMAGE_DIR | cpus | qemu-devices pty|null|pipe DIR | grub-cfg [KERNEL OPTIONS] | cmdline [KERNEL OPTIONS]\n");
	return 2;
}
