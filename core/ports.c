/*
 * Ports. Every message is copied by the kernel into a channel buffer sized at build time, and out
 * of it into the reader's memory; both ends' ranges are checked first.
 */
#include <core/ports.h>
#include <core/debug_info.h>
#include <core/sampling.h>
#include <core/partition.h>
#include <core/deployment.h>
#include <core/dispatch.h>
#include <core/guest.h>
#include <core/vint.h>
#include <core/trace.h>
#include <core/platform.h>
#include <public/ports.h>
#include <lib/string.h>

struct channel {
	const struct channel_config *config;
	uint32_t source;                   /* partition id */
	uint32_t destination_mask;         /* bit per partition id */
	/* sampling */
	uint32_t sample_length;
	uint64_t sample_time;              /* clock ticks; meaningful once sample_written */
	uint32_t sample_written;
	/* queuing */
	uint32_t head, count;
	uint32_t lengths[CONFIG_MAX_DEPTH];
	uint8_t data[CONFIG_MAX_DEPTH][CONFIG_MAX_MESSAGE];   /* sampling uses data[0] */
};

/* A partition's handle: which channel, and which end of it. */
struct port_handle {
	uint8_t channel;
	uint8_t direction;
};

static struct channel channels[CONFIG_MAX_CHANNELS];
static uint32_t channel_count;
static struct port_handle handles[CONFIG_MAX_PARTITIONS][CONFIG_MAX_CHANNELS];
static uint32_t handle_count[CONFIG_MAX_PARTITIONS];

DEBUG_ARRAY(channels, channels);
DEBUG_SYMBOL(channel_count, channel_count);
DEBUG_ARRAY(handles, handles);           /* a row of CONFIG_MAX_CHANNELS per partition */
DEBUG_ARRAY(handle_count, handle_count);
DEBUG_SIZE(channel, struct channel);
DEBUG_FIELD(channel.config, struct channel, config);
DEBUG_FIELD(channel.source, struct channel, source);
DEBUG_FIELD(channel.destination_mask, struct channel, destination_mask);
DEBUG_FIELD(channel.sample_length, struct channel, sample_length);
DEBUG_FIELD(channel.sample_time, struct channel, sample_time);
DEBUG_FIELD(channel.sample_written, struct channel, sample_written);
DEBUG_FIELD(channel.head, struct channel, head);
DEBUG_FIELD(channel.count, struct channel, count);
DEBUG_FIELD_ARRAY(channel.lengths, struct channel, lengths);
DEBUG_SIZE(port_handle, struct port_handle);
DEBUG_FIELD(port_handle.channel, struct port_handle, channel);

void ports_init(void)
{
	channel_count = deployment_channel_count(&deployment);
	for (uint32_t c = 0; c < channel_count; c++) {
		const struct channel_config *cfg = &deployment.channels[c];

		channels[c].config = cfg;
		channels[c].source = (uint32_t)deployment_find_partition(&deployment, cfg->source);
		for (int d = 0; d < CONFIG_MAX_PORTS_PER_CHANNEL - 1 && cfg->destinations[d]; d++)
			channels[c].destination_mask |=
				1u << deployment_find_partition(&deployment, cfg->destinations[d]);
	}
}

void ports_reset(struct partition *p)
{
	handle_count[p->id] = 0;
}

/* This partition's handle, if it opened one of that number. */
static const struct port_handle *handle_of(const struct vcpu *v, uint32_t handle)
{
	uint32_t pid = v->partition->id;

	return handle < handle_count[pid] ? &handles[pid][handle] : NULL;
}

/* The channel behind a handle if it is this partition's, of this kind and direction. */
static struct channel *lookup(struct vcpu *v, uint32_t handle, enum channel_kind kind,
			      uint32_t direction, int32_t *err)
{
	const struct port_handle *h = handle_of(v, handle);

	if (!h) {
		*err = BH_EINVAL;
		return NULL;
	}
	if (channels[h->channel].config->kind != kind || h->direction != direction) {
		*err = BH_EPERM;
		return NULL;
	}
	return &channels[h->channel];
}

int32_t hc_port_open(struct vcpu *v, uint32_t name_addr, uint32_t info_addr)
{
	uint32_t pid = v->partition->id;
	char name[BH_PORT_NAME_MAX];
	struct bh_port_info info;
	int32_t err;

	/* the name may end before BH_PORT_NAME_MAX and close to the end of memory: copy bytewise */
	for (uint32_t i = 0; i < BH_PORT_NAME_MAX; i++) {
		if ((err = copy_from_guest(v->partition, &name[i], name_addr + i, 1)))
			return err;
		if (!name[i])
			break;
		if (i == BH_PORT_NAME_MAX - 1)
			return BH_EINVAL;
	}
	for (uint32_t c = 0; c < channel_count; c++) {
		struct channel *ch = &channels[c];
		uint32_t direction;

		if (strcmp(ch->config->name, name) != 0)
			continue;
		if (ch->source == pid)
			direction = BH_PORT_SOURCE;
		else if (ch->destination_mask & (1u << pid))
			direction = BH_PORT_DESTINATION;
		else
			return BH_EPERM;
		memset(&info, 0, sizeof(info));
		info.kind = ch->config->kind == CHANNEL_SAMPLING ? BH_PORT_SAMPLING : BH_PORT_QUEUING;
		info.direction = direction;
		info.max_message = ch->config->max_message;
		info.depth = ch->config->depth;
		info.refresh_ns = ch->config->refresh_ns;
		if (info_addr && (err = copy_to_guest(v->partition, info_addr, &info, sizeof(info))))
			return err;
		for (uint32_t h = 0; h < handle_count[pid]; h++)
			if (handles[pid][h].channel == c)
				return (int32_t)h;
		handles[pid][handle_count[pid]].channel = (uint8_t)c;
		handles[pid][handle_count[pid]].direction = (uint8_t)direction;
		return (int32_t)handle_count[pid]++;
	}
	return BH_ENOENT;
}

static void notify_destinations(const struct channel *ch)
{
	for (uint32_t i = 0; i < partition_count; i++)
		if ((ch->destination_mask & (1u << i)) && partitions[i].life.mode != PARTITION_IDLE)
			vint_raise(partitions[i].vcpus[0], BH_VINT_PORT);
}

/* A full queue has room again: its sender, which may wait for that, gets the port line too. */
static void notify_source(const struct channel *ch)
{
	struct partition *source = &partitions[ch->source];

	if (source->life.mode != PARTITION_IDLE)
		vint_raise(source->vcpus[0], BH_VINT_PORT);
}

int32_t hc_sampling_write(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t len)
{
	int32_t err = 0;
	struct channel *ch = lookup(v, handle, CHANNEL_SAMPLING, BH_PORT_SOURCE, &err);

	if (!ch)
		return err;
	if (len > ch->config->max_message)
		return BH_EMSGSIZE;
	if ((err = copy_from_guest(v->partition, ch->data[0], buf, len)))
		return err;
	ch->sample_length = len;
	ch->sample_time = platform_clock_now();
	ch->sample_written = 1;
	trace_vcpu(TRACE_PORT_SEND, v, TRACE_PORT_ARG(ch - channels, len));
	notify_destinations(ch);
	return 0;
}

int32_t hc_sampling_read(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t size,
			 uint32_t info_addr)
{
	int32_t err = 0;
	struct channel *ch = lookup(v, handle, CHANNEL_SAMPLING, BH_PORT_DESTINATION, &err);
	struct bh_sample_info info;
	uint64_t age;

	if (!ch)
		return err;
	if (!ch->sample_written)
		return BH_EAGAIN;
	if (size < ch->sample_length)
		return BH_EMSGSIZE;
	if ((err = copy_to_guest(v->partition, buf, ch->data[0], ch->sample_length)))
		return err;
	age = platform_clock_ticks_to_ns(platform_clock_now() - ch->sample_time);
	memset(&info, 0, sizeof(info));
	info.age_ns = age;
	info.valid = sampling_valid(age, ch->config->refresh_ns);
	info.length = ch->sample_length;
	if (info_addr && (err = copy_to_guest(v->partition, info_addr, &info, sizeof(info))))
		return err;
	trace_vcpu(TRACE_PORT_RECEIVE, v, TRACE_PORT_ARG(ch - channels, ch->sample_length));
	return (int32_t)ch->sample_length;
}

/*
 * A destination vcpu blocked in a receive on this channel whose wait has not run out. One whose
 * deadline passed outside its windows times out at its next window: the message, sent later,
 * waits in the queue.
 */
static struct vcpu *waiting_receiver(const struct channel *ch, tick32_t now)
{
	uint32_t c = (uint32_t)(ch - channels);

	for (uint32_t i = 0; i < partition_count; i++) {
		if (!(ch->destination_mask & (1u << i)))
			continue;
		for (struct vcpu *w = partitions[i].vcpu_list; w; w = w->next_in_list)
			if (w->state == VCPU_BLOCKED && w->wait.port == c + 1 &&
			    !deadline_passed(&w->wait.timeout, now))
				return w;
	}
	return NULL;
}

/*
 * Ends the receives blocked on the channel the way a receive made now would end: the oldest
 * message to a receiver whose buffer holds it, BH_EMSGSIZE to one whose buffer does not (the
 * message stays). Served oldest first, so no message overtakes another, and no receiver stays
 * blocked while a message it could take waits in the queue.
 */
static void serve_waiting_receivers(struct channel *ch)
{
	tick32_t now = platform_clock_now32();
	struct vcpu *receiver;

	while (ch->count && (receiver = waiting_receiver(ch, now))) {
		uint32_t len = ch->lengths[ch->head];

		if (len > receiver->wait.size) {
			vcpu_wake(receiver, BH_EMSGSIZE);
			continue;
		}
		/* its buffer was checked when it blocked */
		copy_to_guest(receiver->partition, receiver->wait.buffer, ch->data[ch->head], len);
		trace_vcpu(TRACE_PORT_RECEIVE, receiver, TRACE_PORT_ARG(ch - channels, len));
		ch->head = (ch->head + 1) % ch->config->depth;
		ch->count--;
		vcpu_wake(receiver, (int32_t)len);
	}
}

int32_t hc_queuing_send(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t len)
{
	int32_t err = 0;
	struct channel *ch = lookup(v, handle, CHANNEL_QUEUING, BH_PORT_SOURCE, &err);
	uint32_t slot;

	if (!ch)
		return err;
	if (len > ch->config->max_message)
		return BH_EMSGSIZE;
	if (ch->count == ch->config->depth)
		return BH_ENOSPC;
	slot = (ch->head + ch->count) % ch->config->depth;
	if ((err = copy_from_guest(v->partition, ch->data[slot], buf, len)))
		return err;
	trace_vcpu(TRACE_PORT_SEND, v, TRACE_PORT_ARG(ch - channels, len));
	ch->lengths[slot] = len;
	ch->count++;
	serve_waiting_receivers(ch);
	notify_destinations(ch);
	return 0;
}

int32_t hc_queuing_receive(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t size,
			   uint32_t timeout_us)
{
	int32_t err = 0;
	struct channel *ch = lookup(v, handle, CHANNEL_QUEUING, BH_PORT_DESTINATION, &err);
	uint32_t len;

	if (!ch)
		return err;
	if (!guest_ptr(v->partition, buf, size))
		return BH_EFAULT;
	if (ch->count == 0) {
		if (timeout_us == 0)
			return BH_EAGAIN;
		v->wait.port = (uint32_t)(ch - channels) + 1;
		v->wait.buffer = buf;
		v->wait.size = size;
		vcpu_block(v, timeout_us == BH_WAIT_FOREVER ? 0 : platform_clock_ns_to_ticks(US(timeout_us)));
		return BH_ETIMEDOUT;   /* replaced by the length when a message comes first */
	}
	len = ch->lengths[ch->head];
	if (len > size)
		return BH_EMSGSIZE;
	copy_to_guest(v->partition, buf, ch->data[ch->head], len);
	if (ch->count == ch->config->depth)
		notify_source(ch);
	ch->head = (ch->head + 1) % ch->config->depth;
	ch->count--;
	trace_vcpu(TRACE_PORT_RECEIVE, v, TRACE_PORT_ARG(ch - channels, len));
	return (int32_t)len;
}

int32_t hc_port_status(struct vcpu *v, uint32_t handle, uint32_t out)
{
	const struct port_handle *h = handle_of(v, handle);
	const struct channel *ch;
	struct bh_port_status st;

	if (!h)
		return BH_EINVAL;
	ch = &channels[h->channel];
	memset(&st, 0, sizeof(st));
	if (ch->config->kind == CHANNEL_QUEUING) {
		st.messages = ch->count;
	} else if (ch->sample_written) {
		st.messages = 1;
		st.last_length = ch->sample_length;
		st.last_write_ns = platform_clock_ticks_to_ns(ch->sample_time);
	}
	return copy_to_guest(v->partition, out, &st, sizeof(st));
}

int32_t hc_queuing_clear(struct vcpu *v, uint32_t handle)
{
	int32_t err = 0;
	struct channel *ch = lookup(v, handle, CHANNEL_QUEUING, BH_PORT_DESTINATION, &err);
	uint32_t discarded;

	if (!ch)
		return err;
	discarded = ch->count;
	if (discarded == ch->config->depth)
		notify_source(ch);
	ch->head = 0;
	ch->count = 0;
	return (int32_t)discarded;
}
