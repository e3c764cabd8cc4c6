/*
 * Listed for no shared area: shm_open refuses every name, and the shared window, where the
 * others see the ring, is unmapped for it: reading it is a page fault.
 */
#include <bulkhead.h>

static int check(const char *what, int32_t got, int32_t want)
{
	printf("check %s: got %d want %d %s\n", what, got, want, got == want ? "ok" : "FAIL");
	return got == want;
}

int main(void)
{
	static const char long_name[BH_SHM_NAME_MAX] = "0123456789abcdef0123456789abcdef";
	struct bh_shm_info info = { 0 };
	int ok = 0;

	ok += check("another's area", bh_shm_open("ring", &info), BH_ENOENT);
	ok += check("unknown name", bh_shm_open("nosuch", &info), BH_ENOENT);
	ok += check("empty name", bh_shm_open("", &info), BH_ENOENT);
	ok += check("name without NUL", bh_shm_open(long_name, &info), BH_EINVAL);
	ok += check("name outside memory", bh_shm_open((const char *)0x01000000, &info), BH_EFAULT);
	ok += check("name in the window", bh_shm_open((const char *)BH_SHM_WINDOW_BASE, &info),
		    BH_EFAULT);
	ok += check("info untouched", (int32_t)(info.address | info.size | info.access), 0);
	printf("%d of 7 checks ok\n", ok);
	printf("reading 0x%08x\n", BH_SHM_WINDOW_BASE);
	printf("read 0x%x: isolation broken\n", *(volatile uint32_t *)BH_SHM_WINDOW_BASE);
	return 0;
}
