/*
 * host_net.h — the host's IPv4 settings for upsAgentIpaddress / Gateway /
 * SubnetMask, read from the kernel (getifaddrs, /proc/net/route): local
 * queries only, never a network call.  Addresses are in network byte order;
 * 0 (0.0.0.0) when unknown.
 */
#ifndef NV_HOST_NET_H
#define NV_HOST_NET_H

#include <stdint.h>

/* Address and mask of the first up, non-loopback IPv4 interface. */
void nv_host_ipv4(uint32_t *addr, uint32_t *mask);

/* Gateway of the IPv4 default route in ROUTE_FILE (normally /proc/net/route). */
uint32_t nv_host_gateway(const char *route_file);

#endif
