/* throttle: exponential back-off after repeated failed log-ins. */
#include "throttle.h"

long throttle_wait(long failures, long free_failures, long long last_at, long long now)
{
	long over = failures - free_failures;
	long long wait, elapsed = now - last_at;

	if (over < 0 || throttle_expired(last_at, now))
		return 0;
	if (elapsed < 0) /* the clock stepped back: count from now */
		elapsed = 0;
	wait = over >= 10 ? THROTTLE_MAX_WAIT : (2L << over);
	if (wait > THROTTLE_MAX_WAIT)
		wait = THROTTLE_MAX_WAIT;
	return elapsed >= wait ? 0 : (long)(wait - elapsed);
}

int throttle_expired(long long last_at, long long now)
{
	return now - last_at > THROTTLE_WINDOW;
}
