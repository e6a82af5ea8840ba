/* model.c — helpers over the normalized model (see model.h). */
#include <string.h>

#include "model.h"

static void fill_na(int32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = NV_NA;
}

void nv_unit_clear(struct nv_unit *u)
{
	memset(u, 0, sizeof(*u));
	/* both measurement structs are plain int32_t arrays: all NV_NA */
	fill_na((int32_t *)&u->ups, sizeof(u->ups) / sizeof(int32_t));
	fill_na((int32_t *)&u->sts, sizeof(u->sts) / sizeof(int32_t));
}

void nv_snapshot_init(struct nv_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->comm = NV_COMM_DETECTING;
	nv_snapshot_invalidate(s);
}

void nv_snapshot_invalidate(struct nv_snapshot *s)
{
	nv_unit_clear(&s->sys);
	for (int i = 0; i < NV_MAX_UNITS; i++) {
		bool present = s->unit[i].present;

		nv_unit_clear(&s->unit[i]);
		s->unit[i].present = present;   /* topology stays known */
	}
	for (int i = 0; i < NV_MAX_MODULES; i++) {
		bool present = s->module[i].present;

		memset(&s->module[i], 0, sizeof(s->module[i]));
		s->module[i].present = present;
	}
}

const struct nv_unit *nv_snapshot_view(const struct nv_snapshot *s, int data_unit)
{
	if (data_unit < 1 || data_unit > s->n_units || data_unit > NV_MAX_UNITS)
		return &s->sys;
	return &s->unit[data_unit - 1];
}

const char *nv_protocol_name(enum nv_protocol p)
{
	switch (p) {
	case NV_PROTO_JBUSP: return "JBUSP";
	case NV_PROTO_VUMAP: return "VU-MAP";
	case NV_PROTO_STS:   return "STS";
	case NV_PROTO_NONE:  break;
	}
	return "none";
}

const char *nv_topology_name(enum nv_topology t)
{
	switch (t) {
	case NV_TOPO_SINGLE:         return "single";
	case NV_TOPO_MODULAR:        return "modular";
	case NV_TOPO_PARALLEL:       return "parallel";
	case NV_TOPO_MODULAR_SYSTEM: return "modular-system";
	}
	return "unknown";
}

const char *nv_comm_name(enum nv_comm c)
{
	switch (c) {
	case NV_COMM_DETECTING: return "detecting";
	case NV_COMM_OK:        return "ok";
	case NV_COMM_LOST:      return "lost";
	}
	return "unknown";
}
