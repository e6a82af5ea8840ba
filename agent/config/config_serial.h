/*
 * config_serial.h — the device layer's part of nvagent.conf: the serial
 * line and the polling rhythm (see nvagent.conf(5)).
 */
#ifndef NV_CONFIG_SERIAL_H
#define NV_CONFIG_SERIAL_H

struct nv_serial_cfg {
	char device[256];       /* e.g. /dev/ttyS0 */
	int baud;               /* 0 = auto (2400, 9600, 19200, 57600) */
	int slave;              /* Modbus slave id, 1 */
	int timeout_ms;         /* reply timeout per request */
};

struct nv_poll_cfg {
	int interval_s;         /* measurements every N s */
	int status_interval_ms; /* 0 = status/alarms back to back */
	int comm_loss_after;    /* failed cycles before "not communicating" */
};

#endif
