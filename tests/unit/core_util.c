/* core_util.c - what the core's tests share: configs and action lists. */
#include <stdio.h>
#include <string.h>
#include "core.h"
#include "unit.h"

void unit_config(struct hinit_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->mode = MODE_NODE;
	cfg->on_exit = ON_EXIT_REBOOT;
	cfg->grace_seconds = 5;
	cfg->reboot_delay_seconds = 30;
	for (int sig = 0; sig <= HINIT_NSIG; sig++)
		cfg->rewrite[sig] = (unsigned char)sig;
}

static const char *const kind_names[] = {
    "SIGNAL", "SIGNAL_ALL", "SIGNAL_CHILDREN",
    "REAP",   "ARM_TIMER",  "SYNC",
    "REBOOT", "EXIT",	    "LOG",
};

static const char *const log_names[] = {
    "NODE_UNAVAILABLE", "COMMAND_EXITED",
    "COMMAND_KILLED",	"COMMAND_ODD_STATUS",
    "SPAWN_BAD_PID",	"FORWARDED",
    "SIGNAL_DROPPED",	"CHILD_REAPED",
    "TERMINATING",	"KILLING",
    "REBOOT_DELAY",	"REBOOTING",
    "EXITING",
};

void unit_format_actions(char *buf, unsigned long size, const struct actions *a)
{
	unsigned long used = 0;
	buf[0] = 0;
	if (a->count == 0)
		snprintf(buf, size, "(nothing)");
	for (int i = 0; i < a->count && i < CORE_MAX_ACTIONS && used < size;
	     i++) {
		const struct action *x = &a->list[i];
		int n;
		if (x->kind == ACT_LOG && x->target >= 0 && x->target <= 12)
			n = snprintf(buf + used, size - used, "LOG(%s,%d,%d) ",
				     log_names[x->target], x->value, x->extra);
		else if (x->kind >= 0 && x->kind <= 8)
			n = snprintf(buf + used, size - used, "%s(%d,%d,%d) ",
				     kind_names[x->kind], x->target, x->value,
				     x->extra);
		else
			n = snprintf(buf + used, size - used,
				     "KIND%d(%d,%d,%d) ", x->kind, x->target,
				     x->value, x->extra);
		if (n < 0)
			break;
		used += (unsigned long)n;
	}
	if (a->count < 0 || a->count > CORE_MAX_ACTIONS)
		snprintf(buf, size, "(count %d out of range)", a->count);
}

int unit_actions_equal(const struct actions *a, const struct actions *b)
{
	if (a->count != b->count || a->count < 0 || a->count > CORE_MAX_ACTIONS)
		return 0;
	for (int i = 0; i < a->count; i++) {
		const struct action *x = &a->list[i], *y = &b->list[i];
		if (x->kind != y->kind || x->target != y->target ||
		    x->value != y->value || x->extra != y->extra)
			return 0;
	}
	return 1;
}
