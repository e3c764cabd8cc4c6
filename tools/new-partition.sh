#!/bin/sh
# make new-partition NAME=x [PROJECT=dir]: a partition x (prints and yields, once per window) and
# a deployment x that runs it alone, in DIR/partitions/x/main.c and DIR/configs/x.c, DIR being the
# project or this tree. Overwrites nothing. Usage: tools/new-partition.sh NAME DIR
name=$1
dir=$2

fail() {
	echo "new-partition: $*" >&2
	exit 1
}

[ -n "$name" ] || fail "give the partition a name: make new-partition NAME=hello [PROJECT=dir]"
# an image and a partition name: at most 31 characters (core/config_check.c); a C-like word,
# so that it is also a file name and a make word
case $name in
	[a-z]*) ;;
	*) fail "NAME=$name: a name starts with a lowercase letter" ;;
esac
case $name in
	*[!a-z0-9_]*) fail "NAME=$name: a name has only lowercase letters, digits and '_'" ;;
esac
[ ${#name} -le 31 ] || fail "NAME=$name: a name has at most 31 characters, not ${#name}"

partition=$dir/partitions/$name
config=$dir/configs/$name.c
[ ! -e "$partition" ] || fail "$partition exists already; nothing written"
[ ! -e "$config" ] || fail "$config exists already; nothing written"
if [ "$dir" != . ]; then
	# a project's partition of a Bulkhead name hides Bulkhead's (docs/projects.md): say so
	for own in partitions/$name tests/partitions/$name; do
		[ ! -d "$own" ] || echo "new-partition: note: $partition hides Bulkhead's $own in this project"
	done
	[ ! -e "configs/$name.c" ] && [ ! -e "tests/configs/$name.c" ] ||
		echo "new-partition: note: $config hides Bulkhead's config of that name in this project"
fi

mkdir -p "$partition" "$dir/configs" || fail "cannot create $partition or $dir/configs"

cat > "$partition/main.c" <<EOF || fail "cannot write $partition/main.c"
/*
 * $name: says hello, then once in each of its windows prints the window's number, yielding
 * the processor between its looks at the window count. (Written by make new-partition: make it
 * yours; the runtime's calls are in Bulkhead's runtime/include/bulkhead.h.)
 */
#include <bulkhead.h>

int main(void)
{
	struct bh_partition_status status = { 0 };
	uint32_t seen = 0;

	bh_set_mode(BH_MODE_NORMAL);
	printf("hello from partition %s\n", "$name");
	for (;;) {
		bh_partition_status(BH_SELF, &status);
		if (status.windows_entered != seen) {
			seen = status.windows_entered;
			printf("window %u at t=%llu ns\n", seen, bh_time_ns());
		}
		bh_yield();
	}
}
EOF

cat > "$config" <<EOF || fail "cannot write $config"
/*
 * $name: the partition $name alone, a 2 ms window in each 10 ms major frame.
 * (Written by make new-partition: make it yours; every field is in include/core/deployment.h.)
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "$name",
	.partitions = {
		{
			.name = "$name",
			.image = "$name",
			.memory_base = MIB(16),
			.memory_size = KIB(128),
			.vcpu_count = 1,
		},
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "$name", .offset_ns = 0, .duration_ns = MS(2) },
	},
};
EOF

if [ "$dir" = . ]; then
	where=
else
	where="PROJECT=$dir "
fi
echo "new-partition: wrote $partition/main.c and $config"
echo "new-partition: boot it with: make ${where}run CONFIG=$name   (or run-kernel CMDLINE=frames=3)"
