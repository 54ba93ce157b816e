/* deadline: shuts down a connection that takes longer than ACCORD_REQUEST_TIMEOUT to send a request whole or to take its answer. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "http.h"

/*
 * libmicrohttpd's own timeout is an idle timeout: a client that trickles one byte every
 * few seconds (slowloris) keeps its connection, and a worker slot, for ever. Each
 * connection here carries a deadline instead; a watchdog thread looks at them a few
 * times a second and shuts down the socket of one past its deadline, which libmicrohttpd
 * then sees as a closed connection and cleans up. The list is changed only under the
 * mutex, and a connection leaves it (MHD_CONNECTION_NOTIFY_CLOSED) before libmicrohttpd
 * closes its socket, so the watchdog never shuts down a number that was reused.
 */
struct watch {
	int fd;
	_Atomic long long deadline_ms; /* 0: none (the handler is running) */
	struct watch *prev, *next;
};

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watch_wake = PTHREAD_COND_INITIALIZER;
static struct watch *watches;
static long long timeout_ms;
static bool running;
static pthread_t watchdog;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct watch *watch_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

void deadline_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
		     enum MHD_ConnectionNotificationCode code)
{
	struct watch *w = *socket_context;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);

		if (!ci || !(w = calloc(1, sizeof *w)))
			return;
		w->fd = ci->connect_fd;
		atomic_store(&w->deadline_ms, now_ms() + timeout_ms);
		pthread_mutex_lock(&watch_lock);
		w->next = watches;
		if (watches)
			watches->prev = w;
		watches = w;
		pthread_mutex_unlock(&watch_lock);
		*socket_context = w;
		return;
	}
	if (!w)
		return;
	pthread_mutex_lock(&watch_lock);
	if (w->prev)
		w->prev->next = w->next;
	else
		watches = w->next;
	if (w->next)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&watch_lock);
	free(w);
	*socket_context = NULL;
}

void deadline_pause(struct MHD_Connection *conn)
{
	struct watch *w = watch_of(conn);

	if (w)
		atomic_store(&w->deadline_ms, 0);
}

void deadline_restart(struct MHD_Connection *conn)
{
	struct watch *w = watch_of(conn);

	if (w)
		atomic_store(&w->deadline_ms, now_ms() + timeout_ms);
}

static void *watchdog_run(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&watch_lock);
	while (running) {
		struct timespec until;
		long long now = now_ms();

		for (struct watch *w = watches; w; w = w->next) {
			long long d = atomic_load(&w->deadline_ms);

			if (d && d < now) {
				shutdown(w->fd, SHUT_RDWR);
				atomic_store(&w->deadline_ms, 0);
			}
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&watch_wake, &watch_lock, &until);
	}
	pthread_mutex_unlock(&watch_lock);
	return NULL;
}

void deadline_start(unsigned seconds)
{
	timeout_ms = (long long)seconds * 1000;
	running = true;
	if (pthread_create(&watchdog, NULL, watchdog_run, NULL) != 0)
		running = false;
}

void deadline_stop(void)
{
	pthread_mutex_lock(&watch_lock);
	if (!running) {
		pthread_mutex_unlock(&watch_lock);
		return;
	}
	running = false;
	pthread_cond_signal(&watch_wake);
	pthread_mutex_unlock(&watch_lock);
	pthread_join(watchdog, NULL);
}
