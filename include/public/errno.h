/*
 * Bulkhead public ABI: error codes.
 * A hypercall returns zero or a non-negative value on success and one of these (negative) on failure.
 */
#ifndef BULKHEAD_PUBLIC_ERRNO_H
#define BULKHEAD_PUBLIC_ERRNO_H

#define BH_EPERM      (-1)   /* not allowed for this partition or vcpu */
#define BH_ENOENT     (-2)   /* no such port, partition or vcpu */
#define BH_EAGAIN    (-11)   /* nothing there now (empty queue, no valid sample) */
#define BH_EFAULT    (-14)   /* a pointer or length is outside the caller's memory */
#define BH_EBUSY     (-16)   /* the object is in a state that forbids it (vcpu already up) */
#define BH_EINVAL    (-22)   /* an argument is out of range */
#define BH_ENOSPC    (-28)   /* the queue is full */
#define BH_ENOSYS    (-38)   /* unknown hypercall number */
#define BH_EMSGSIZE  (-90)   /* message larger than the port allows */
#define BH_ETIMEDOUT (-110)  /* a blocking call ran out of time */

#endif
