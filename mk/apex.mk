# The APEX layer (apex/, docs/apex.md): a partition directory whose partition.mk says
#     PARTITION_USES := apex
# (in this tree or in a PROJECT's partitions/) is an APEX partition: its sources are compiled
# with apex/include (<ARINC653.h>, <apex.h>, the per-service <apex_*.h>), and its image is
# linked with $(APEX_LIB) before the runtime and with --wrap=main: the runtime's call of main
# starts the layer first (apex/start.c), which also pulls it in. Other partitions see none of
# it, the runtime included.

APEX_C := $(wildcard apex/*.c)
APEX_OBJS := $(APEX_C:%.c=$(OBJ)/apex/%.o)
APEX_LIB := $(BUILD)/apex/libapex.a
APEX_CFLAGS := -Iapex/include

# one grep for every partition.mk there is
PARTITION_MKS := $(wildcard $(addsuffix /partition.mk,$(PARTITION_DIRS)))
APEX_PARTITION_DIRS := $(patsubst %/partition.mk,%,$(if $(PARTITION_MKS),$(shell \
	grep -l -E '^PARTITION_USES[[:space:]]*:=.*(^|[[:space:]=])apex([[:space:]]|$$)' \
	$(PARTITION_MKS))))

# what an image of name $(1) links with beyond its objects and the runtime
apex_uses = $(filter $(call partition_dir,$(1)),$(APEX_PARTITION_DIRS))
partition_layer_libs = $(if $(call apex_uses,$(1)),$(APEX_LIB))
partition_layer_flags = $(if $(call apex_uses,$(1)),-Wl$(,)--wrap=main)
, := ,

# The binding's name parameters are NAME_TYPE arrays, so GCC reads a shorter string literal passed
# for one as an overread: the services stop at the NUL, so that warning is off
# (docs/apex_binding.md). An application in a PROJECT is often written for another APEX
# implementation: its warnings are shown but do not stop the build. This tree's own APEX
# partitions, and the layer, keep every warning an error.
APEX_APP_WARNINGS := -Wno-stringop-overflow -Wno-stringop-overread
$(foreach d,$(APEX_PARTITION_DIRS),$(call partition_objs,$(notdir $(d)))): \
	PARTITION_CFLAGS += $(APEX_CFLAGS) $(APEX_APP_WARNINGS)
$(foreach d,$(filter $(PROJECT_PARTITION_DIRS),$(APEX_PARTITION_DIRS)),$(call \
	partition_objs,$(notdir $(d)))): PARTITION_CFLAGS += -Wno-error

# Several configs' builds at once (the test harness runs them in parallel) share the layer's
# objects and archive: each is written under a name of its own and renamed into place whole.
$(OBJ)/apex/%.o: %.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) $(APEX_CFLAGS) -MT $@ -MF $(@:.o=.d) -c $< -o $@.$$$$.tmp && \
		mv -f $@.$$$$.tmp $@

$(APEX_LIB): $(APEX_OBJS)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@.$$$$.tmp && $(CROSS)ar rcs $@.$$$$.tmp $^ && mv -f $@.$$$$.tmp $@
