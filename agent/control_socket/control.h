/*
 * control.h — nvagentd's local control socket (unix stream), served from
 * the main loop without ever blocking it.  The protocol is in
 * control_proto.h; the commands are rows of a table in control.c.
 */
#ifndef NV_CONTROL_H
#define NV_CONTROL_H

#include <stddef.h>
#include <sys/select.h>

#include "ctx.h"

struct nv_control;

/*
 * Listen on path (mode 0660, group `group` unless empty).  A stale socket
 * file is replaced; a live one (another daemon answers) is an error.
 * Returns 0, or -1 with a one-line reason in err.
 */
int nv_control_open(struct nv_control **out, const char *path, const char *group,
    char *err, size_t errlen);

/* Add the fds to watch; *maxfd is raised to the highest fd + 1. */
void nv_control_fill_fds(struct nv_control *c, fd_set *rd, fd_set *wr, int *maxfd);

/* Accept, read requests, run them, write replies: whatever is ready.  A
 * request is about the first of DEVS unless it starts "@NAME". */
void nv_control_process(struct nv_control *c, const fd_set *rd, const fd_set *wr,
    const struct nv_devices *devs);

/* Close every connection and remove the socket file. */
void nv_control_close(struct nv_control *c);

#endif
