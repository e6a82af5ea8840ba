/*
 * env_files.c — the environment sensor read from files (profile sysfs): a
 * hwmon value (temp1_input in millidegrees, humidity1_input in milli-%),
 * a 1-Wire DS18B20 w1_slave file ("... crc=.. YES" then "... t=23125"),
 * a GPIO value file (0 / 1) or a GPIO line (env_gpio.c) for a contact.
 * See env_sensor.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "env_sensor.h"

/* A whole number ending the text (or a line); -1 when there is none. */
static int whole_number(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	while (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t')
		end++;
	return *end == '\0' ? 0 : -1;
}

int nv_env_parse_milli(const char *text, long *milli)
{
	const char *t = strstr(text, " t=");

	if (strstr(text, "crc=") != NULL) {
		/* 1-Wire: the CRC line must say YES, then the value follows t= */
		const char *nl = strchr(text, '\n');

		if (nl == NULL || (size_t)(nl - text) < 3 || strncmp(nl - 3, "YES", 3) != 0 ||
		    t == NULL)
			return -1;
		return whole_number(t + 3, milli);
	}
	return whole_number(text, milli);
}

int nv_env_parse_bit(const char *text, int *bit)
{
	long v;

	if (whole_number(text, &v) != 0 || (v != 0 && v != 1))
		return -1;
	*bit = (int)v;
	return 0;
}

/* The file's text (at most len - 1 bytes); -1 when it cannot be read. */
static int slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	ssize_t n;

	if (fd == -1)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* Thousandths to tenths, rounded half away from zero. */
static int32_t tenths(long milli)
{
	return (int32_t)(milli >= 0 ? (milli + 50) / 100 : -((-milli + 50) / 100));
}

int nv_env_files_read(const struct nv_env_cfg *cfg, struct nv_env_gpio *g, struct nv_env *v)
{
	char text[256];

	for (int pt = 0; pt < NV_ENV_PT_COUNT; pt++) {
		bool is_input = pt >= NV_ENV_PT_IN1;
		int k = pt - NV_ENV_PT_IN1, bit;
		long milli;

		if (is_input && cfg->input[k].mode == NV_ENV_IN_OFF)
			continue;
		if (is_input && cfg->input[k].gpio_chip[0] != '\0') {
			if (nv_env_gpio_read(g, &cfg->input[k], k, &bit) != 0)
				return -1;
			v->input[k] = nv_env_input_state(cfg->input[k].mode, bit == 1);
			continue;
		}
		if (cfg->file[pt][0] == '\0')
			continue;
		if (slurp(cfg->file[pt], text, sizeof(text)) != 0)
			return -1;
		if (is_input) {
			if (nv_env_parse_bit(text, &bit) != 0)
				return -1;
			v->input[k] = nv_env_input_state(cfg->input[k].mode, bit == 1);
		} else if (nv_env_parse_milli(text, &milli) != 0) {
			return -1;
		} else if (pt == NV_ENV_PT_TEMP) {
			v->temp = tenths(milli);
		} else {
			v->hum = tenths(milli);
		}
	}
	return 0;
}
