/*
 * fake_link.h — the serial line of the poller replaced, for the fuzzer,
 * by nvsim's register maps in the same process.  Its nv_link_open,
 * _close, _read, _write and _write_one are linked ahead of agent/device/modbus_link.c's
 * (--allow-multiple-definition: the first one wins); the error
 * classes, counters and texts are modbus_link.c's own.  Each request is built
 * as an RTU frame, answered by nvsim's frame handler, passed through what
 * the fuzz input says to do with that reply, and checked and decoded as a
 * Modbus master does (slave, function, exception, byte count, CRC).
 */
#ifndef NV_FAKE_LINK_H
#define NV_FAKE_LINK_H
#include <stddef.h>
#include <stdint.h>

struct sim_ctx;

/* One run: the device (an nvsim context) and the script of reply faults.
 * The script is read one operation per request; when it runs out the
 * device is gone (reads and opens fail) and fake_link_exhausted_fd()
 * becomes readable. */
void fake_link_begin(struct sim_ctx *sim, const uint8_t *script, size_t len);
void fake_link_end(void);
int fake_link_exhausted_fd(void);
#endif
