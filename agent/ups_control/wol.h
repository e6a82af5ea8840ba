/*
 * wol.h — Wake-on-LAN: magic packets (6 x 0xFF then 16 x the MAC) to the
 * configured targets (config "wol target NAME { ... }", "wol { ... }").
 */
#ifndef NV_WOL_H
#define NV_WOL_H

#include <stddef.h>
#include <stdint.h>

struct nv_ctx;

#define NV_WOL_PACKET_LEN 102

/* Build the magic packet for mac into out (NV_WOL_PACKET_LEN bytes). */
void nv_wol_build(const uint8_t mac[6], uint8_t out[NV_WOL_PACKET_LEN]);

/* Parse "00:11:22:33:44:55" (or '-' separated).  0, or -1 when malformed. */
int nv_wol_parse_mac(const char *s, uint8_t mac[6]);

/* Send to every enabled target; returns how many were sent, or -1. */
int nv_wol_send_all(struct nv_ctx *ctx);

#endif
