/*
 * mbclient.c — a minimal Modbus RTU master (libmodbus) for nvsim's tests
 * and benchmark.
 *
 *   mbclient [-b BAUD] [-a SLAVE] [-f 3|4] [-t MS] [-n N] [-s] TTY ADDR COUNT
 *   mbclient [-b BAUD] [-a SLAVE] [-t MS] -w TTY ADDR VALUE...
 *
 * Prints the registers read (decimal, one line per read), or with -s the
 * per-read latency figures in ms.  Any failure: "mbclient: <reason>" on
 * stderr, exit 1.
 */
#include <config.h>

#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_READS 10000

static long
num(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "mbclient: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
fail(const char *what)
{
	fprintf(stderr, "mbclient: %s: %s\n", what, modbus_strerror(errno));
	return 1;
}

static int
do_write(modbus_t *mb, int addr, int argc, char **argv)
{
	uint16_t v[123];
	int i;

	if (argc < 1 || argc > 123) {
		fprintf(stderr, "mbclient: 1..123 values to write\n");
		return 2;
	}
	for (i = 0; i < argc; i++)
		v[i] = (uint16_t)num(argv[i], 0, 65535);
	if (argc == 1 ? modbus_write_register(mb, addr, v[0]) < 0 :
	    modbus_write_registers(mb, addr, argc, v) < 0)
		return fail("write");
	printf("OK\n");
	return 0;
}

static int
do_read(modbus_t *mb, int fc, int addr, int count, int reps, int stats)
{
	static double lat[MAX_READS];
	uint16_t v[125];
	int r, i;

	for (r = 0; r < reps; r++) {
		double t0 = now_ms();
		int rc = fc == 4 ? modbus_read_input_registers(mb, addr, count, v) :
		    modbus_read_registers(mb, addr, count, v);

		if (rc < 0)
			return fail("read");
		lat[r] = now_ms() - t0;
		if (stats)
			continue;
		for (i = 0; i < count; i++)
			printf("%s%u", i ? " " : "", v[i]);
		printf("\n");
	}
	if (stats) {
		qsort(lat, (size_t)reps, sizeof(lat[0]), cmp_double);
		printf("n=%d min=%.1f p50=%.1f p99=%.1f max=%.1f\n", reps, lat[0],
		    lat[reps / 2], lat[(reps * 99 - 1) / 100], lat[reps - 1]);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int baud = 9600, slave = 1, fc = 3, timeout_ms = 500, reps = 1;
	int stats = 0, write = 0, ch, rc, addr;
	modbus_t *mb;

	while ((ch = getopt(argc, argv, "a:b:f:n:st:w")) != -1) {
		switch (ch) {
		case 'a': slave = (int)num(optarg, 0, 247); break;
		case 'b': baud = (int)num(optarg, 50, 4000000); break;
		case 'f': fc = (int)num(optarg, 3, 4); break;
		case 'n': reps = (int)num(optarg, 1, MAX_READS); break;
		case 's': stats = 1; break;
		case 't': timeout_ms = (int)num(optarg, 1, 60000); break;
		case 'w': write = 1; break;
		default:
			fprintf(stderr, "usage: mbclient [-b BAUD] [-a SLAVE] [-f 3|4] "
			    "[-t MS] [-n N] [-s] [-w] TTY ADDR COUNT|VALUE...\n");
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 3) {
		fprintf(stderr, "mbclient: need TTY ADDR COUNT (or VALUE... with -w)\n");
		return 2;
	}
	addr = (int)num(argv[1], 0, 65535);
	mb = modbus_new_rtu(argv[0], baud, 'N', 8, 1);
	if (mb == NULL)
		return fail("modbus_new_rtu");
	modbus_set_slave(mb, slave);
	modbus_set_response_timeout(mb, (uint32_t)(timeout_ms / 1000),
	    (uint32_t)(timeout_ms % 1000) * 1000);
	modbus_set_error_recovery(mb, MODBUS_ERROR_RECOVERY_PROTOCOL);
	if (modbus_connect(mb) < 0) {
		rc = fail(argv[0]);
		modbus_free(mb);
		return rc;
	}
	modbus_flush(mb);
	rc = write ? do_write(mb, addr, argc - 2, argv + 2) :
	    do_read(mb, fc, addr, (int)num(argv[2], 1, 125), reps, stats);
	modbus_close(mb);
	modbus_free(mb);
	return rc;
}
