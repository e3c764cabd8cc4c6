/*
 * Host side of a deployment config: validates it with the kernel's own validator (so a bad config
 * fails the build with the file, the field and the reason), and writes what the build needs from
 * it: the image list, GRUB's configuration and QEMU's -initrd list.
 *
 * Built per config: cc -DCONFIG_SOURCE='"configs/x.c"' configtool.c configs/x.c core/config_check.c
 */
#include <stdio.h>
#include <string.h>
#include <core/deployment.h>

#ifndef CONFIG_SOURCE
#define CONFIG_SOURCE "config"
#endif

static int check(void)
{
	struct config_error err;

	if (config_validate(&deployment, CONFIG_KERNEL_MAPPED_RAM, &err) == 0)
		return 0;
	fprintf(stderr, "%s: error: %s: %s\n", CONFIG_SOURCE, err.field, err.reason);
	return 1;
}

static void images(const char *prefix, const char *suffix, const char *separator)
{
	uint32_t n = deployment_partition_count(&deployment);

	for (uint32_t i = 0; i < n; i++)
		printf("%s%s%s%s", i ? separator : "", prefix, deployment.partitions[i].image, suffix);
	printf("\n");
}

static void grub_cfg(int argc, char **argv)
{
	uint32_t n = deployment_partition_count(&deployment);

	printf("set timeout=0\nset default=0\n");
	printf("serial --unit=0 --speed=115200 --word=8 --parity=no --stop=1\n");
	printf("terminal_input serial\nterminal_output serial\n");
	printf("menuentry \"Bulkhead (%s)\" {\n\tmultiboot /boot/bulkhead.elf", deployment.name);
	for (int i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	for (uint32_t i = 0; i < n; i++)
		/* GRUB passes no path of its own: the module's string names the partition image */
		printf("\tmodule /boot/%s.elf /boot/%s.elf\n", deployment.partitions[i].image,
		       deployment.partitions[i].image);
	printf("}\n");
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return check();
	if (check())
		return 1;
	if (argc >= 2 && strcmp(argv[1], "images") == 0) {
		images("", "", " ");
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "initrd") == 0) {
		char prefix[512];

		snprintf(prefix, sizeof(prefix), "%s/", argv[2]);
		images(prefix, ".elf", ",");
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "grub-cfg") == 0) {
		grub_cfg(argc - 2, argv + 2);
		return 0;
	}
	fprintf(stderr, "usage: configtool check | images | initrd DIR | grub-cfg [KERNEL OPTIONS]\n");
	return 2;
}
