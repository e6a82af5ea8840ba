/*
 * env_gpio.c — an environment input read from a GPIO line through
 * libgpiod (v1 API): the line is requested as an input (consumer
 * "nvagentd", active-low when the config says so) on first use and held
 * between readings; a read that fails releases it, so that a chip that
 * went away is looked up again.  Built without libgpiod, every read
 * fails (the config refuses a gpio line in such a build).  See
 * env_sensor.h.
 */
#include "config.h"

#include <errno.h>

#include "env_sensor.h"

#ifdef HAVE_GPIOD
#include <gpiod.h>

static int request(struct nv_env_gpio *g, const struct nv_env_input_cfg *in, int k)
{
	struct gpiod_line_request_config rc = {
		.consumer = "nvagentd",
		.request_type = GPIOD_LINE_REQUEST_DIRECTION_INPUT,
		.flags = in->active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0,
	};

	g->chip[k] = gpiod_chip_open_lookup(in->gpio_chip);
	if (g->chip[k] == NULL)
		return -1;
	g->line[k] = gpiod_chip_get_line(g->chip[k], (unsigned)in->gpio_offset);
	if (g->line[k] == NULL || gpiod_line_request(g->line[k], &rc, 0) != 0) {
		int err = errno;

		gpiod_chip_close(g->chip[k]);
		g->chip[k] = NULL;
		g->line[k] = NULL;
		errno = err;
		return -1;
	}
	return 0;
}

static void release(struct nv_env_gpio *g, int k)
{
	if (g->chip[k] != NULL)
		gpiod_chip_close(g->chip[k]);       /* releases the line too */
	g->chip[k] = NULL;
	g->line[k] = NULL;
}

int nv_env_gpio_read(struct nv_env_gpio *g, const struct nv_env_input_cfg *in, int k,
    int *bit)
{
	int v;

	if (g->line[k] == NULL && request(g, in, k) != 0)
		return -1;
	v = gpiod_line_get_value(g->line[k]);
	if (v < 0) {
		int err = errno;

		release(g, k);
		errno = err;
		return -1;
	}
	*bit = v;
	return 0;
}

void nv_env_gpio_release(struct nv_env_gpio *g)
{
	release(g, 0);
	release(g, 1);
}

#else

int nv_env_gpio_read(struct nv_env_gpio *g, const struct nv_env_input_cfg *in, int k,
    int *bit)
{
	errno = ENOTSUP;
	return -1;
}

void nv_env_gpio_release(struct nv_env_gpio *g)
{
}

#endif
