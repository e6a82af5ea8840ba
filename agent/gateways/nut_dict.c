/*
 * nut_dict.c — the NUT names nvagentd serves (nut_dict.h).  Only commands
 * a SOCOMEC profile has a public register for are here; whether this
 * device has it is asked of the control layer at LIST CMD time.
 */
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "nut_dict.h"

const struct nv_nut_cmd nv_nut_cmds[] = {
	{ "test.battery.start", NV_CMD_BATTERY_TEST, false, "Start a battery test" },
	{ "bypass.start", NV_CMD_TO_BYPASS, false, "Transfer the load to the automatic bypass" },
	{ "bypass.stop", NV_CMD_TO_INVERTER, false, "Transfer the load back to the inverter" },
	{ "shutdown.return", NV_CMD_SHUTOFF, true,
	  "Output off after ups.delay.shutdown, on again ups.delay.start after mains return" },
	{ "shutdown.stayoff", NV_CMD_SHUTOFF, false,
	  "Output off after ups.delay.shutdown, and stay off" },
	{ "shutdown.stop", NV_CMD_SHUTOFF_CANCEL, false, "Cancel a pending output shut-off" },
};
const size_t nv_nut_n_cmds = sizeof(nv_nut_cmds) / sizeof(nv_nut_cmds[0]);

const struct nv_nut_cmd *nv_nut_cmd_find(const char *name)
{
	for (size_t i = 0; i < nv_nut_n_cmds; i++)
		if (strcmp(nv_nut_cmds[i].name, name) == 0)
			return &nv_nut_cmds[i];
	return NULL;
}

static const struct {
	const char *name, *desc;
} var_desc[] = {
	{ "device.mfr", "Device manufacturer" },
	{ "device.model", "Device model" },
	{ "device.serial", "Device serial number" },
	{ "device.type", "Device type" },
	{ "driver.name", "Driver name" },
	{ "driver.version", "Driver version" },
	{ "ups.mfr", "UPS manufacturer" },
	{ "ups.model", "UPS model" },
	{ "ups.serial", "UPS serial number" },
	{ "ups.status", "UPS status flags" },
	{ "ups.alarm", "UPS alarms" },
	{ "ups.load", "Load on the UPS (percent of its capacity)" },
	{ "ups.power", "Apparent power delivered (VA)" },
	{ "ups.power.nominal", "Nominal apparent power (VA)" },
	{ "ups.realpower", "Real power delivered (W)" },
	{ "ups.realpower.nominal", "Nominal real power (W)" },
	{ "ups.test.result", "Result of the last battery test" },
	{ NV_NUT_VAR_DELAY_SHUTDOWN, "Delay before shutdown.return / stayoff turn the output off (s)" },
	{ NV_NUT_VAR_DELAY_START, "Delay before the output comes back after mains return (s)" },
	{ "battery.charge", "Battery charge (percent)" },
	{ "battery.runtime", "Estimated runtime on battery (s)" },
	{ "battery.voltage", "Battery voltage (V)" },
	{ "battery.current", "Battery current (A)" },
	{ "battery.temperature", "Battery temperature (degrees C)" },
	{ "ambient.temperature", "Ambient temperature (degrees C)" },
	{ "input.phases", "Input phases" },
	{ "input.voltage", "Input voltage (V)" },
	{ "input.voltage.nominal", "Nominal input voltage (V)" },
	{ "input.current", "Input current (A)" },
	{ "input.frequency", "Input frequency (Hz)" },
	{ "input.frequency.nominal", "Nominal input frequency (Hz)" },
	{ "input.bypass.voltage", "Bypass input voltage (V)" },
	{ "input.bypass.current", "Bypass input current (A)" },
	{ "input.bypass.frequency", "Bypass input frequency (Hz)" },
	{ "output.phases", "Output phases" },
	{ "output.voltage", "Output voltage (V)" },
	{ "output.voltage.nominal", "Nominal output voltage (V)" },
	{ "output.current", "Output current (A)" },
	{ "output.frequency", "Output frequency (Hz)" },
	{ "output.frequency.nominal", "Nominal output frequency (Hz)" },
	{ "output.power.percent", "Output load (percent)" },
	{ "output.power", "Output apparent power (VA)" },
	{ "output.realpower", "Output real power (W)" },
};

/* "input.L2-N.voltage" -> "input.voltage", phase "L2-N"; false when NAME has
 * no phase part */
static bool strip_phase(const char *name, char *base, size_t blen, char *phase, size_t plen)
{
	const char *p = strstr(name, ".L");
	const char *end;

	if (p == NULL || p[2] < '1' || p[2] > '3' || (end = strchr(p + 1, '.')) == NULL)
		return false;
	snprintf(base, blen, "%.*s%s", (int)(p - name), name, end);
	snprintf(phase, plen, "%.*s", (int)(end - p - 1), p + 1);
	return strcmp(phase + 2, "") == 0 || strcmp(phase + 2, "-N") == 0;
}

const char *nv_nut_var_desc(const char *name, char *buf, size_t len)
{
	char base[64], phase[16];

	for (size_t i = 0; i < sizeof(var_desc) / sizeof(var_desc[0]); i++)
		if (strcmp(var_desc[i].name, name) == 0) {
			snprintf(buf, len, "%s", var_desc[i].desc);
			return buf;
		}
	if (!strip_phase(name, base, sizeof(base), phase, sizeof(phase)))
		return NULL;
	for (size_t i = 0; i < sizeof(var_desc) / sizeof(var_desc[0]); i++)
		if (strcmp(var_desc[i].name, base) == 0) {
			snprintf(buf, len, "%s, phase %s", var_desc[i].desc, phase);
			return buf;
		}
	return NULL;
}
