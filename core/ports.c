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
	/* its messages, the sample and the queue, whichever CPU its partitions' vcpus run on */
	struct spinlock lock;
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
/* the handle tables: a partition's vcpus on two CPUs may open ports at once */
static struct spinlock open_lock = SPINLOCK("port open");

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

		channels[c].lock = (struct spinlock)SPINLOCK("channel");
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

	/* a handle counted is written (port_open publishes the count last) */
	return handle < __atomic_load_n(&handle_count[pid], __ATOMIC_ACQUIRE) ? &handles[pid][handle] :
									       NULL;
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

/* The handle of channel c for partition pid, a new one if it has none. */
static int32_t handle_for(uint32_t pid, uint32_t c, uint32_t direction)
{
	uint32_t n;

	spin_lock(&open_lock);
	n = handle_count[pid];
	for (uint32_t h = 0; h < n; h++)
		if (handles[pid][h].channel == c) {
			spin_unlock(&open_lock);
			return (int32_t)h;
		}
	handles[pid][n].channel = (uint8_t)c;
	handles[pid][n].direction = (uint8_t)direction;
	__atomic_store_n(&handle_count[pid], n + 1, __ATOMIC_RELEASE);
	spin_unlock(&open_lock);
	return (int32_t)n;
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
		return handle_for(pid, c, direction);
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
	spin_lock(&ch->lock);
	if (!(err = copy_from_guest(v->partition, ch->data[0], buf, len))) {
		ch->sample_length = len;
		ch->sample_time = platform_clock_now();
		ch->sample_written = 1;
	}
	spin_unlock(&ch->lock);
	if (err)
		return err;
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
	uint64_t age, written;
	uint32_t length;

	if (!ch)
		return err;
	spin_lock(&ch->lock);
	length = ch->sample_length;
	err = !ch->sample_written ? BH_EAGAIN : size < length ? BH_EMSGSIZE :
	      copy_to_guest(v->partition, buf, ch->data[0], length);
	written = ch->sample_time;
	spin_unlock(&ch->lock);
	if (err)
		return err;
	age = platform_clock_ticks_to_ns(platform_clock_now() - written);
	memset(&info, 0, sizeof(info));
	info.age_ns = age;
	info.valid = sampling_valid(age, ch->config->refresh_ns);
	info.length = length;
	if (info_addr && (err = copy_to_guest(v->partition, info_addr, &info, sizeof(info))))
		return err;
	trace_vcpu(TRACE_PORT_RECEIVE, v, TRACE_PORT_ARG(ch - channels, length));
	return (int32_t)length;
}

/*
 * A destination vcpu blocked in a receive on this channel whose wait has not run out. One whose
 * deadline passed outside its windows times out at its next window: the message, sent later,
 * waits in the queue.
 */
static bool waits_on(const struct vcpu *w, uint32_t c, tick32_t now)
{
	return w->state == VCPU_BLOCKED && w->wait.port == c + 1 &&
	       !deadline_passed(&w->wait.timeout, now);
}

/* ... on this CPU (a receiver blocks and is woken under the channel's lock). */
static struct vcpu *waiting_receiver(const struct channel *ch, tick32_t now)
{
	uint32_t c = (uint32_t)(ch - channels);

	for (uint32_t i = 0; i < partition_count; i++) {
		if (!(ch->destination_mask & (1u << i)))
			continue;
		for (struct vcpu *w = partitions[i].vcpu_list; w; w = w->next_in_list)
			if (w->cpu == this_cpu_index() && waits_on(w, c, now))
				return w;
	}
	return NULL;
}

/* The other CPUs with a receiver blocked on the channel serve it themselves (ports_serve_here). */
static void serve_elsewhere(const struct channel *ch, tick32_t now)
{
	uint32_t c = (uint32_t)(ch - channels), told = 1u << this_cpu_index();

	for (uint32_t i = 0; i < partition_count; i++) {
		if (!(ch->destination_mask & (1u << i)))
			continue;
		for (struct vcpu *w = partitions[i].vcpu_list; w; w = w->next_in_list)
			if (!(told & (1u << w->cpu)) && waits_on(w, c, now)) {
				told |= 1u << w->cpu;
				cpu_mail_serve(w->cpu, c);
			}
	}
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

void ports_serve_here(uint32_t channel)
{
	struct channel *ch = &channels[channel];

	spin_lock(&ch->lock);
	serve_waiting_receivers(ch);
	spin_unlock(&ch->lock);
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
	spin_lock(&ch->lock);
	slot = (ch->head + ch->count) % ch->config->depth;
	err = ch->count == ch->config->depth ? BH_ENOSPC :
	      copy_from_guest(v->partition, ch->data[slot], buf, len);
	if (err) {
		spin_unlock(&ch->lock);
		return err;
	}
	trace_vcpu(TRACE_PORT_SEND, v, TRACE_PORT_ARG(ch - channels, len));
	ch->lengths[slot] = len;
	ch->count++;
	serve_waiting_receivers(ch);
	/* with one CPU every receiver is this CPU's: the scan costs a send 100 instructions */
	if (ch->count && dispatch_cpu_count > 1)
		serve_elsewhere(ch, platform_clock_now32());
	spin_unlock(&ch->lock);
	notify_destinations(ch);
	return 0;
}

int32_t hc_queuing_receive(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t size,
			   uint32_t timeout_us)
{
	int32_t err = 0;
	struct channel *ch = lookup(v, handle, CHANNEL_QUEUING, BH_PORT_DESTINATION, &err);
	uint32_t len;
	bool full;

	if (!ch)
		return err;
	if (!guest_ptr(v->partition, buf, size))
		return BH_EFAULT;
	spin_lock(&ch->lock);
	if (ch->count == 0) {
		if (timeout_us == 0) {
			spin_unlock(&ch->lock);
			return BH_EAGAIN;
		}
		/* blocked under the lock: a sender on another CPU sees it waiting, or has sent */
		v->wait.port = (uint32_t)(ch - channels) + 1;
		v->wait.buffer = buf;
		v->wait.size = size;
		vcpu_block(v, timeout_us == BH_WAIT_FOREVER ? 0 : platform_clock_ns_to_ticks(US(timeout_us)));
		spin_unlock(&ch->lock);
		return BH_ETIMEDOUT;   /* replaced by the length when a message comes first */
	}
	len = ch->lengths[ch->head];
	if (len > size) {
		spin_unlock(&ch->lock);
		return BH_EMSGSIZE;
	}
	copy_to_guest(v->partition, buf, ch->data[ch->head], len);
	full = ch->count == ch->config->depth;
	ch->head = (ch->head + 1) % ch->config->depth;
	ch->count--;
	spin_unlock(&ch->lock);
	if (full)
		notify_source(ch);
	trace_vcpu(TRACE_PORT_RECEIVE, v, TRACE_PORT_ARG(ch - channels, len));
	return (int32_t)len;
}

int32_t hc_port_status(struct vcpu *v, uint32_t handle, uint32_t out)
{
	const struct port_handle *h = handle_of(v, handle);
	struct channel *ch;
	struct bh_port_status st;

	if (!h)
		return BH_EINVAL;
	ch = &channels[h->channel];
	memset(&st, 0, sizeof(st));
	spin_lock(&ch->lock);
	if (ch->config->kind == CHANNEL_QUEUING) {
		st.messages = ch->count;
	} else if (ch->sample_written) {
		st.messages = 1;
		st.last_length = ch->sample_length;
		st.last_write_ns = ch->sample_time;
	}
	spin_unlock(&ch->lock);
	st.last_write_ns = platform_clock_ticks_to_ns(st.last_write_ns);
	return copy_to_guest(v->partition, out, &st, sizeof(st));
}

int32_t hc_queuing_clear(struct vcpu *v, uint32_t handle)
{
	int32_t err = 0;
	struct channel *ch = lookup(v, handle, CHANNEL_QUEUING, BH_PORT_DESTINATION, &err);
	uint32_t discarded;

	if (!ch)
		return err;
	spin_lock(&ch->lock);
	discarded = ch->count;
	ch->head = 0;
	ch->count = 0;
	spin_unlock(&ch->lock);
	if (discarded == ch->config->depth)
		notify_source(ch);
	return (int32_t)discarded;
}
