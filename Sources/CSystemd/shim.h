// sd_notify, sd_watchdog_enabled and sd_journal_sendv are not variadic and are called from
// Swift directly; sd_journal_send (variadic) is deliberately not used.
#ifndef ONCALL_CSYSTEMD_SHIM_H
#define ONCALL_CSYSTEMD_SHIM_H
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#endif
