/* Names of the hypercall results (include/public/errno.h), for messages a person reads. */
#include <bulkhead.h>

/* The macro's own name, so that a message says exactly what the ABI and the docs call it. */
#define NAME(code) case code: return #code

const char *bh_strerror(int32_t code)
{
	switch (code) {
	NAME(BH_EPERM);
	NAME(BH_ENOENT);
	NAME(BH_EAGAIN);
	NAME(BH_EFAULT);
	NAME(BH_EBUSY);
	NAME(BH_EINVAL);
	NAME(BH_ENOSPC);
	NAME(BH_ENOSYS);
	NAME(BH_EMSGSIZE);
	NAME(BH_ETIMEDOUT);
	}
	/* the ABI: every result >= 0 is a success (a length, a handle, an old state) */
	return code >= 0 ? "success" : "unknown error code";
}
