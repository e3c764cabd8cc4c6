# make check: cppcheck and clang-tidy over the kernel, the runtime and the shared library.
# Both must be clean; findings that are intended carry an inline suppression with its reason.

CHECK_SOURCES := $(wildcard boot/*.c arch/x86/*.c core/*.c lib/*.c runtime/*.c)
CHECK_INCLUDES := -Iinclude -Iinclude/arch/x86 -Iinclude/lib -Iinclude/public -Iruntime/include

.PHONY: check cppcheck clang-tidy
check: cppcheck clang-tidy

# unusedStructMember: on-disk and hardware layouts (ELF headers, multiboot) name fields we skip.
cppcheck:
	$(call say,CPPCHECK,sources)
	$(Q)cppcheck -q --error-exitcode=1 --inline-suppr --enable=warning,style,performance,portability \
		--std=c11 --platform=unix32 $(CHECK_INCLUDES) --suppress=missingIncludeSystem \
		--suppress=unusedStructMember boot arch core lib runtime

clang-tidy:
	$(call say,TIDY,sources)
	$(Q)clang-tidy -quiet $(CHECK_SOURCES) -- --target=i686-unknown-none-elf -ffreestanding \
		-std=gnu11 $(CHECK_INCLUDES) 2>/dev/null
