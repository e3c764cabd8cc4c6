# The APEX layer (apex/, docs/apex.md): a partition directory whose partition.mk says
#     PARTITION_USES := apex
# (in this tree or in a PROJECT's partitions/) is an APEX partition: its sources are compiled
# with apex/include (<ARINC653.h>, <apex.h>) and its image is linked with $(APEX_LIB) before
# the runtime, the layer's start (bh_layer_start, called by the runtime before main) pulled in.
# Other partitions see none of it.

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
partition_layer_flags = $(if $(call apex_uses,$(1)),-Wl$(,)--undefined=bh_layer_start)
, := ,

$(foreach d,$(APEX_PARTITION_DIRS),$(call partition_objs,$(notdir $(d)))): \
	PARTITION_CFLAGS += $(APEX_CFLAGS)

$(OBJ)/apex/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) $(APEX_CFLAGS) -c $< -o $@

$(APEX_LIB): $(APEX_OBJS)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)$(CROSS)ar rcs $@ $^
