/*
 * modbus_adu.h — Modbus TCP framing and request checks, without sockets:
 * collect one ADU (MBAP header + PDU) from a byte stream into a bounded
 * buffer, never trusting the length on the wire, and decide what a read
 * request is answered with from the published register image.
 */
#ifndef NV_MODBUS_ADU_H
#define NV_MODBUS_ADU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nv_reg_image;

#define NV_MBAP_LEN     7       /* transaction, protocol, length, unit id */
#define NV_MB_ADU_MAX   260     /* MBAP + the longest PDU (253 bytes) */
#define NV_MB_READ_MAX  125     /* registers per 03 / 04 request */

/* Exceptions the gateway answers with. */
enum {
	NV_MBX_ILLEGAL_FUNCTION = 0x01,
	NV_MBX_ILLEGAL_ADDRESS = 0x02,
	NV_MBX_ILLEGAL_VALUE = 0x03,
	NV_MBX_PATH_UNAVAILABLE = 0x0A,         /* no such unit id */
	NV_MBX_TARGET_FAILED = 0x0B,            /* serial link lost, no fresh data */
};

struct nv_mb_frame {
	uint8_t buf[NV_MB_ADU_MAX];
	size_t len;
};

enum nv_mb_feed { NV_MBF_MORE, NV_MBF_ADU, NV_MBF_BAD };

/* How many bytes to read next into f->buf + f->len (always > 0, and
 * never past one ADU: a pipelined next request stays in the socket). */
size_t nv_mb_frame_want(const struct nv_mb_frame *f);
/* n bytes were appended: NV_MBF_ADU when f->buf holds one whole ADU of
 * f->len bytes, NV_MBF_BAD when the header is not Modbus TCP (protocol
 * id not 0, length outside 2..254): the peer is not worth an answer. */
enum nv_mb_feed nv_mb_frame_feed(struct nv_mb_frame *f, size_t n);
void nv_mb_frame_reset(struct nv_mb_frame *f);

struct nv_mb_request {
	uint8_t unit, function;
	uint16_t addr, count;
};

/*
 * Decide the answer to the whole ADU adu (len bytes) against im; link_ok
 * false while the serial link is lost.  Returns 0 when words
 * addr .. addr+count-1 of that unit are served (*unit_index is then the
 * image's unit), else the exception code.  Unit ids 1..N are units 1..N;
 * 0 and 255 are the unit the agent is attached to (unit 1).  A unit of
 * the system that does not answer now gets 0B, like a lost link.
 */
int nv_mb_decide(const uint8_t *adu, size_t len, const struct nv_reg_image *im,
    bool link_ok, struct nv_mb_request *req, int *unit_index);

/* The word at addr of image unit k; false when no block read holds it. */
bool nv_mb_image_word(const struct nv_reg_image *im, int k, unsigned addr, uint16_t *w);

#endif
