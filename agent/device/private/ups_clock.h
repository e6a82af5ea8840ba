/*
 * ups_clock.h — the UPS clock's four words (VU-MAP 0x00CB-0x00CE, JBUSP
 * 0x1360-0x1363, one layout): minutes / seconds, day / hours, month /
 * day of week (1 Monday .. 7 Sunday), year - 2000; high byte first.
 * The UPS keeps local time without a zone: the host's local time is
 * written and read.  Private to the device layer.
 */
#ifndef NV_UPS_CLOCK_H
#define NV_UPS_CLOCK_H

#include <stdint.h>
#include <time.h>

#define NV_CLOCK_WORDS 4

/* The words for local time T. */
void nv_clock_encode(time_t t, uint16_t w[NV_CLOCK_WORDS]);

/* The time the words say (local), or -1 when a field is out of range. */
time_t nv_clock_decode(const uint16_t w[NV_CLOCK_WORDS]);

#endif
