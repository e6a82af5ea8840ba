/* host_net.c — the host's IPv4 address, mask and gateway (see host_net.h). */
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>

#include "host_net.h"

void nv_host_ipv4(uint32_t *addr, uint32_t *mask)
{
	struct ifaddrs *list, *ifa;

	*addr = *mask = 0;
	if (getifaddrs(&list) != 0)
		return;
	for (ifa = list; ifa != NULL; ifa = ifa->ifa_next) {
		if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != AF_INET)
			continue;
		if ((ifa->ifa_flags & IFF_LOOPBACK) || !(ifa->ifa_flags & IFF_UP))
			continue;
		*addr = ((const struct sockaddr_in *)(const void *)ifa->ifa_addr)->sin_addr.s_addr;
		if (ifa->ifa_netmask != NULL)
			*mask = ((const struct sockaddr_in *)(const void *)ifa->ifa_netmask)->sin_addr.s_addr;
		break;
	}
	freeifaddrs(list);
}

/*
 * /proc/net/route prints each address as the hex of the kernel's
 * network-order 32-bit word read natively, so the parsed number has the
 * memory layout of a network-order address already.
 */
uint32_t nv_host_gateway(const char *route_file)
{
	FILE *f = fopen(route_file, "r");
	char line[256];
	uint32_t gw = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char ifname[64];
		unsigned long dest, gate, flags;

		if (sscanf(line, "%63s %lx %lx %lx", ifname, &dest, &gate, &flags) != 4)
			continue;       /* header line or garbage */
		if (dest == 0 && (flags & 0x2)) {       /* RTF_GATEWAY */
			gw = (uint32_t)gate;
			break;
		}
	}
	fclose(f);
	return gw;
}
