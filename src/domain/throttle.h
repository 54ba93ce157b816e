/* throttle: how long a log-in must wait after repeated failures, per account and per client address. */
#ifndef ACCORD_THROTTLE_H
#define ACCORD_THROTTLE_H

/*
 * The first `free` failures cost nothing. After that each further attempt must wait
 * 2^(failures - free + 1) seconds since the last failure (2 s, 4 s, 8 s, ...), at most
 * THROTTLE_MAX_WAIT. Two seconds is the least wait: with whole-second timestamps a
 * one-second wait could pass at once.
 * Failures older than THROTTLE_WINDOW seconds are forgotten.
 */
#define THROTTLE_ACCOUNT_FREE 5
#define THROTTLE_ADDRESS_FREE 30
#define THROTTLE_MAX_WAIT 900
#define THROTTLE_WINDOW 900

/* Seconds still to wait (0: may try now). */
long throttle_wait(long failures, long free_failures, long long last_at, long long now);
/* Whether the failure record is old enough to forget. */
int throttle_expired(long long last_at, long long now);

#endif
