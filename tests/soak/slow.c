/* slow: slow clients (headers trickled, bodies stalled or trickled), the server's limits and a graceful stop, over plain sockets on loopback. */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../harness.h"

/* The timeouts the slow-client server runs with: short, so the suite is short. */
#define IDLE_TIMEOUT 2
#define REQUEST_TIMEOUT 4
#define SLOW_EACH 32 /* connections of each slow kind */

static const char *bin;
static char dir[64];
static char db[128];
static char admin_email[128], admin_password[128];

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* A connected socket to the port, or -1 with errno set (ECONNREFUSED when nothing listens). */
static int connect_to(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static bool send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/*
 * Reads an answer's head (and what of its body came with it) into out, for at most
 * timeout_ms: its status, 0 when the server closed the connection without an answer, -1
 * when nothing came in time.
 */
static int read_status(int fd, int timeout_ms, char *out, size_t cap)
{
	size_t len = 0;
	double until = now_s() + timeout_ms / 1000.0;
	int status = 0;

	out[0] = '\0';
	while (len + 1 < cap) {
		struct pollfd p = {fd, POLLIN, 0};
		int left = (int)((until - now_s()) * 1000);
		ssize_t r;

		if (left <= 0 || poll(&p, 1, left) <= 0)
			return -1;
		r = recv(fd, out + len, cap - 1 - len, 0);
		if (r <= 0)
			break;
		len += (size_t)r;
		out[len] = '\0';
		if (strstr(out, "\r\n\r\n"))
			break;
	}
	if (sscanf(out, "HTTP/1.%*d %d", &status) != 1)
		return 0;
	return status;
}

/* One request on a new connection: its status (0 closed, -1 no answer in time, -2 no connection). */
static int request(int port, const char *raw, int timeout_ms, char *out, size_t cap)
{
	int fd = connect_to(port), st;

	if (fd < 0)
		return -2;
	st = send_all(fd, raw, strlen(raw)) ? read_status(fd, timeout_ms, out, cap) : 0;
	close(fd);
	return st;
}

/* `accord serve` on a free port with extra environment (NULL-terminated, may be NULL); waits for /healthz. */
static pid_t serve(const char *const *env, int *port, const char *log)
{
	char listen[64], buf[512];
	pid_t pid;

	*port = free_port();
	snprintf(listen, sizeof listen, "127.0.0.1:%d", *port);
	pid = fork();
	if (pid == 0) {
		FILE *f = freopen(log, "w", stderr);

		(void)f;
		for (int i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		execl(bin, bin, "serve", "--db", db, "--listen", listen, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; pid > 0 && i < 600; i++) {
		if (request(*port, "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 2000, buf,
			    sizeof buf) == 200)
			return pid;
		usleep(50000);
	}
	if (pid > 0)
		kill(pid, SIGKILL), waitpid(pid, NULL, 0);
	return -1;
}

/* Waits up to bound seconds for the server to end: its exit status, or -1 (then killed). */
static int wait_exit(pid_t pid, double bound, double *elapsed)
{
	double t0 = now_s();
	int st;

	while (now_s() - t0 < bound) {
		if (waitpid(pid, &st, WNOHANG) == pid) {
			*elapsed = now_s() - t0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		usleep(20000);
	}
	*elapsed = now_s() - t0;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

static int stop(pid_t pid)
{
	double e;

	if (pid <= 0)
		return -1;
	kill(pid, SIGTERM);
	return wait_exit(pid, 30, &e);
}

/* ---- slow clients while others are served */

enum slow_kind { HEADER_TRICKLE, BODY_STALL, BODY_TRICKLE, SLOW_KINDS };
static const char *const kind_names[] = {"headers trickled", "body stalled", "body trickled"};

struct normal_clients {
	int port;
	atomic_bool done;
	int ok, failed;
	double worst;
};

/* Normal clients: one request after another, each on a new connection, until told to stop. */
static void *normal_run(void *arg)
{
	struct normal_clients *n = arg;
	char buf[2048];

	while (!atomic_load(&n->done) && n->ok + n->failed < 2000) {
		double t0 = now_s();
		int st = request(n->port, "GET /login HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
				 10000, buf, sizeof buf);
		double took = now_s() - t0;

		if (st == 200)
			n->ok++;
		else
			n->failed++;
		if (took > n->worst)
			n->worst = took;
		usleep(20000);
	}
	return NULL;
}

static void test_slow_clients(void)
{
	static const char *const env[] = {"ACCORD_IDLE_TIMEOUT=2", "ACCORD_REQUEST_TIMEOUT=4", NULL};
	int port, fds[SLOW_KINDS][SLOW_EACH];
	double opened, closed_at[SLOW_KINDS][SLOW_EACH];
	struct normal_clients n = {0};
	pthread_t normal;
	char log[160], buf[256];
	pid_t pid;

	snprintf(log, sizeof log, "%s/serve-slow.log", dir);
	pid = serve(env, &port, log);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	for (int k = 0; k < SLOW_KINDS; k++)
		for (int i = 0; i < SLOW_EACH; i++) {
			static const char *const heads[] = {
				"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ",
				"POST /api/v1/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{",
				"POST /api/v1/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{",
			};

			fds[k][i] = connect_to(port);
			closed_at[k][i] = 0;
			CHECK(fds[k][i] >= 0);
			if (fds[k][i] >= 0)
				send_all(fds[k][i], heads[k], strlen(heads[k]));
		}
	opened = now_s();
	n.port = port;
	pthread_create(&normal, NULL, normal_run, &n);
	/* A byte every 250 ms to the trickling ones (never idle for IDLE_TIMEOUT), for up to 20 s. */
	while (now_s() - opened < 20) {
		int open_left = 0;

		for (int k = 0; k < SLOW_KINDS; k++)
			for (int i = 0; i < SLOW_EACH; i++) {
				struct pollfd p = {fds[k][i], POLLIN, 0};

				if (fds[k][i] < 0 || closed_at[k][i])
					continue;
				if (poll(&p, 1, 0) > 0 && read_status(fds[k][i], 50, buf, sizeof buf) <= 0) {
					closed_at[k][i] = now_s() - opened;
					continue;
				}
				if (k != BODY_STALL && !send_all(fds[k][i], k == HEADER_TRICKLE ? "a" : " ", 1)) {
					closed_at[k][i] = now_s() - opened;
					continue;
				}
				open_left++;
			}
		if (!open_left)
			break;
		usleep(250000);
	}
	/* Normal clients go on a little after the slow ones are gone. */
	usleep(500000);
	atomic_store(&n.done, true);
	pthread_join(normal, NULL);
	for (int k = 0; k < SLOW_KINDS; k++) {
		double first = 1e9, last = 0;
		int closed = 0;

		for (int i = 0; i < SLOW_EACH; i++) {
			if (fds[k][i] >= 0)
				close(fds[k][i]);
			if (closed_at[k][i] > 0) {
				closed++;
				first = closed_at[k][i] < first ? closed_at[k][i] : first;
				last = closed_at[k][i] > last ? closed_at[k][i] : last;
			}
		}
		printf("slow: %d connections, %s: %d closed by the server, after %.1f–%.1f s\n", SLOW_EACH,
		       kind_names[k], closed, closed ? first : 0, last);
		CHECK_INT(closed, SLOW_EACH);
		/* Trickled: cut by the request timeout, never before; stalled: by the idle timeout. Late by at most 8 s. */
		CHECK(first >= (k == BODY_STALL ? IDLE_TIMEOUT : REQUEST_TIMEOUT) - 0.5);
		CHECK(last <= (k == BODY_STALL ? IDLE_TIMEOUT : REQUEST_TIMEOUT) + 8);
	}
	printf("slow: normal clients meanwhile: %d answered 200, %d not, slowest %.2f s\n", n.ok, n.failed,
	       n.worst);
	CHECK(n.ok >= 10);
	CHECK_INT(n.failed, 0);
	CHECK(n.worst < 5);
	CHECK_INT(request(port, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", 5000, buf, sizeof buf), 200);
	CHECK_INT(stop(pid), 0);
}

/* ---- the limits: header size, body size, connections */

static void test_size_limits(void)
{
	static char big[80 * 1024 + 256], body[8192];
	char log[160], buf[512], pad[70 * 1024 + 1];
	int port;
	pid_t pid;

	snprintf(log, sizeof log, "%s/serve-size.log", dir);
	pid = serve(NULL, &port, log);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	/* Headers beyond 64 KiB (the connection's memory): libmicrohttpd answers 431 and closes. */
	snprintf(big, sizeof big, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: %s\r\n\r\n",
		 repeat(pad, sizeof pad, 'a', 70 * 1024));
	CHECK_INT(request(port, big, 10000, buf, sizeof buf), 431);
	/* 40 KiB of headers are within it. */
	snprintf(big, sizeof big, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: %s\r\nConnection: close\r\n\r\n",
		 repeat(pad, sizeof pad, 'a', 40 * 1024));
	CHECK_INT(request(port, big, 10000, buf, sizeof buf), 200);
	/* A body over the route's limit (login: 4 KiB) is read and answered 413. */
	snprintf(big, sizeof big,
		 "POST /api/v1/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 8000\r\n\r\n{\"email\":\"%s\"}",
		 repeat(body, sizeof body, 'e', 8000 - 12));
	CHECK_INT(request(port, big, 10000, buf, sizeof buf), 413);
	CHECK(strstr(buf, "too_large") != NULL || strstr(buf, "Content-Length") != NULL);
	/* Over 1 MiB declared: answered 413 at once, without the body being sent. */
	CHECK_INT(request(port,
			  "POST /api/v1/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n",
			  10000, buf, sizeof buf),
		  413);
	CHECK_INT(request(port, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", 5000, buf, sizeof buf), 200);
	CHECK_INT(stop(pid), 0);
}

/*
 * A connection that has had one answer and stays open, or -1. Retried for a few seconds:
 * the server may still count a connection the client has just closed (the readiness probe).
 */
static int held_connection(int port)
{
	static const char health[] = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
	char buf[512];

	for (int i = 0; i < 50; i++) {
		int fd = connect_to(port);

		if (fd >= 0 && send_all(fd, health, strlen(health)) && read_status(fd, 10000, buf, sizeof buf) == 200)
			return fd;
		if (fd >= 0)
			close(fd);
		usleep(100000);
	}
	return -1;
}

static void test_connection_limits(void)
{
	static const char *const env[] = {"ACCORD_MAX_CONNECTIONS=8", NULL};
	static const char *const env_ip[] = {"ACCORD_MAX_CONNECTIONS_PER_IP=3", NULL};
	static const char health[] = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
	char log[160], buf[512];
	int port, held[8], extra, st, refused = 0;
	pid_t pid;

	snprintf(log, sizeof log, "%s/serve-conns.log", dir);
	pid = serve(env, &port, log);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	/* Eight connections, each answered and kept open: the limit is reached. */
	for (int i = 0; i < 8; i++) {
		held[i] = held_connection(port);
		CHECK(held[i] >= 0);
	}
	/* A ninth waits in the listen queue, unanswered, until one of the eight goes; then it is served. */
	extra = connect_to(port);
	CHECK(extra >= 0);
	if (extra >= 0) {
		send_all(extra, health, strlen(health));
		CHECK_INT(read_status(extra, 1500, buf, sizeof buf), -1);
		close(held[0]);
		held[0] = -1;
		CHECK_INT(read_status(extra, 15000, buf, sizeof buf), 200);
		close(extra);
	}
	for (int i = 0; i < 8; i++)
		if (held[i] >= 0)
			close(held[i]);
	CHECK_INT(request(port, health, 10000, buf, sizeof buf), 200);
	CHECK_INT(stop(pid), 0);

	/* Per address: a fourth connection from 127.0.0.1 is closed unanswered; the three still work. */
	snprintf(log, sizeof log, "%s/serve-perip.log", dir);
	pid = serve(env_ip, &port, log);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	for (int i = 0; i < 3; i++) {
		held[i] = held_connection(port);
		CHECK(held[i] >= 0);
	}
	st = request(port, health, 5000, buf, sizeof buf);
	refused = st == 0 || st == -2;
	CHECK(refused);
	for (int i = 0; i < 3; i++) {
		CHECK(send_all(held[i], health, strlen(health)) && read_status(held[i], 10000, buf, sizeof buf) == 200);
		close(held[i]);
	}
	/* Once they are gone, the address may connect again. */
	held[0] = held_connection(port);
	CHECK(held[0] >= 0);
	if (held[0] >= 0)
		close(held[0]);
	CHECK_INT(stop(pid), 0);
}

/* A bad limit is one clear error at start, exit 2. */
static void test_bad_limits(void)
{
	static const char *const bad[] = {"ACCORD_MAX_CONNECTIONS=0", "ACCORD_MAX_CONNECTIONS=lots",
					  "ACCORD_MAX_CONNECTIONS_PER_IP=-1", "ACCORD_IDLE_TIMEOUT=0",
					  "ACCORD_REQUEST_TIMEOUT=99999", "ACCORD_REQUEST_TIMEOUT=",
					  "ACCORD_MAX_HEADER_BYTES=100", NULL};

	for (int i = 0; bad[i]; i++) {
		char cmd[512], *line = NULL;
		size_t cap = 0;
		int lines = 0, rc;
		FILE *p;

		snprintf(cmd, sizeof cmd, "timeout -s KILL 30 env %s %s serve --db %s --listen 127.0.0.1:%d 2>&1 >/dev/null", bad[i], bin,
			 db, free_port());
		p = popen(cmd, "r");
		if (!p) {
			CHECK(p != NULL);
			continue;
		}
		while (getline(&line, &cap, p) > 0) {
			lines++;
			if (lines == 1 && !strstr(line, "ACCORD_")) {
				fprintf(stderr, "FAIL the error for %s does not name the variable: %s", bad[i], line);
				harness_case_failed = 1;
			}
		}
		free(line);
		rc = pclose(p);
		if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 2 || lines != 1) {
			fprintf(stderr, "FAIL %s: exit %d, %d lines on stderr (want 2 and 1)\n", bad[i],
				WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, lines);
			harness_case_failed = 1;
		}
	}
}

/* ---- graceful stop */

/*
 * SIGTERM while a request is in flight (its body half sent): new connections are refused,
 * the request is answered in full once its body arrives, an idle keep-alive connection
 * does not hold the server up, and it exits 0.
 */
static void test_graceful_stop(void)
{
	static const char health[] = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
	char log[160], head[512], bodytext[512], buf[2048];
	int port, slow, idle, st, refused = 0, before = 0, last_before = 0;
	size_t half;
	double t_term, elapsed;
	pid_t pid;

	snprintf(log, sizeof log, "%s/serve-stop.log", dir);
	pid = serve(NULL, &port, log);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	idle = connect_to(port);
	CHECK(idle >= 0 && send_all(idle, health, strlen(health)) &&
	      read_status(idle, 10000, buf, sizeof buf) == 200);
	snprintf(bodytext, sizeof bodytext, "{\"email\":\"%s\",\"password\":\"%s\"}", admin_email, admin_password);
	snprintf(head, sizeof head,
		 "POST /api/v1/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
		 strlen(bodytext));
	half = strlen(bodytext) / 2;
	/* On a connection already answered once (so accepted and being read), the head and half the body. */
	slow = held_connection(port);
	CHECK(slow >= 0 && send_all(slow, head, strlen(head)) && send_all(slow, bodytext, half));
	usleep(500000); /* the server has read the head: the request is in flight */
	t_term = now_s();
	kill(pid, SIGTERM);
	/* Within 10 s a new connection is refused (or answered 503); one accepted before the stop took hold is retried. */
	for (int i = 0; i < 100 && !refused; i++) {
		int fd = connect_to(port);

		if (fd < 0) {
			/* Refused (ECONNREFUSED), or reset when it raced the listening socket's shutdown: either way not served. */
			refused = errno == ECONNREFUSED || errno == ECONNRESET;
			if (!refused)
				printf("slow: connect after SIGTERM failed: %s\n", strerror(errno));
			break;
		}
		st = send_all(fd, health, strlen(health)) ? read_status(fd, 2000, buf, sizeof buf) : 0;
		close(fd);
		if (st == 503)
			refused = 1;
		else
			before++, last_before = st;
		usleep(100000);
	}
	printf("slow: after SIGTERM a new connection was %s after %.2f s (%d attempts before, the last answered %d)\n",
	       refused ? "refused" : "NOT refused", now_s() - t_term, before, last_before);
	CHECK(refused);
	/* The in-flight request, finished now, gets its whole answer (a token), and the connection closes after it. */
	CHECK(send_all(slow, bodytext + half, strlen(bodytext) - half));
	st = read_status(slow, 10000, buf, sizeof buf);
	CHECK_INT(st, 200);
	CHECK(strstr(buf, "Connection: close") != NULL || strstr(buf, "connection: close") != NULL);
	if (st == 200 && !strstr(buf, "\"token\"")) {
		char more[2048];
		int r = (int)recv(slow, more, sizeof more - 1, 0);

		more[r > 0 ? r : 0] = '\0';
		CHECK(strstr(more, "\"token\"") != NULL);
	}
	if (slow >= 0)
		close(slow);
	/* It exits 0, within the stop bound (10 s) plus a generous margin, the idle connection notwithstanding. */
	st = wait_exit(pid, 25, &elapsed);
	printf("slow: exit status %d, %.2f s after the in-flight answer (%.2f s after SIGTERM)\n", st, elapsed,
	       now_s() - t_term);
	CHECK_INT(st, 0);
	CHECK(elapsed < 25);
	if (idle >= 0)
		close(idle);
}

/* A client that never finishes its request does not hold the stop up beyond its bound (10 s). */
static void test_stop_is_bounded(void)
{
	static const char *const env[] = {"ACCORD_IDLE_TIMEOUT=120", "ACCORD_REQUEST_TIMEOUT=120", NULL};
	static const char head[] =
		"POST /api/v1/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
	char log[160];
	int port, fd, st;
	double elapsed;
	pid_t pid;

	snprintf(log, sizeof log, "%s/serve-stuck.log", dir);
	pid = serve(env, &port, log);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	fd = held_connection(port);
	CHECK(fd >= 0 && send_all(fd, head, strlen(head)));
	usleep(500000);
	kill(pid, SIGTERM);
	st = wait_exit(pid, 40, &elapsed);
	printf("slow: with a request never finished, exit status %d after %.2f s\n", st, elapsed);
	CHECK_INT(st, 0);
	/* It waited for the request (most of the 10 s), but not for ever. */
	CHECK(elapsed >= 8);
	CHECK(elapsed < 40);
	if (fd >= 0)
		close(fd);
}

static int setup(void)
{
	char cmd[512], line[512];
	FILE *p;
	int found = 0;

	snprintf(dir, sizeof dir, "/tmp/accord-slow-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof db, "%s/slow.db", dir);
	snprintf(cmd, sizeof cmd, "%s init --db %s >/dev/null 2>&1 && %s demo --db %s 2>/dev/null", bin, db, bin,
		 db);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof line, p))
		if (!found && sscanf(line, "admin %127s %127s", admin_email, admin_password) == 2)
			found = 1;
	return pclose(p) == 0 && found ? 0 : -1;
}

int main(int argc, char **argv)
{
	char cmd[128];

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH_TO_ACCORD\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	signal(SIGPIPE, SIG_IGN);
	if (setup() != 0) {
		fprintf(stderr, "slow: set-up failed\n");
		printf("slow: 0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_slow_clients);
	RUN(test_size_limits);
	RUN(test_connection_limits);
	RUN(test_bad_limits);
	RUN(test_graceful_stop);
	RUN(test_stop_is_bounded);
	if (!harness_failed) {
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "slow: could not remove %s\n", dir);
	} else {
		fprintf(stderr, "slow: server logs kept in %s\n", dir);
	}
	return HARNESS_DONE("slow");
}
