/* server: runs libmicrohttpd in its epoll thread-pool mode, buffers bodies within limits, and hands complete requests to the router. */
#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "http.h"
#include "pages.h"
#include "../service/search_cache.h"
#include "../util/heap.h"

static const char *server_db;
static pthread_key_t store_key;
static atomic_int in_flight;
/* How often the waiting main thread returns freed memory to the system (heap_release). */
#define SERVER_TRIM_SECONDS 10
/* Set on SIGTERM: every answer from then on closes its connection. */
static atomic_bool stopping;

/* One database connection per worker thread, opened on first use, closed when the thread ends. */
static void store_key_free(void *p)
{
	store_close(p);
}

static struct store *thread_store(void)
{
	struct store *s = pthread_getspecific(store_key);
	struct error err;

	if (!s) {
		s = store_open(server_db, &err);
		if (!s) {
			fprintf(stderr, "accord: %s\n", err.message);
			return NULL;
		}
		pthread_setspecific(store_key, s);
	}
	return s;
}

struct conn_state {
	const struct route *route;
	long long id;
	bool path_known;
	bool too_big;
	enum method method;
	struct buf body;
};

static int method_parse(const char *m)
{
	static const char *const names[M__MAX] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

	for (int i = 0; i < M__MAX; i++)
		if (strcmp(m, names[i]) == 0)
			return i;
	if (strcmp(m, "HEAD") == 0)
		return M_GET;
	return -1;
}

/*
 * Every answer — API, page, error, redirect, stylesheet, feed — carries the same hardening
 * headers; pages get a policy that allows only the stylesheet (there is no script at all),
 * everything else one that allows nothing. See docs/security.md.
 */
#define CSP_PAGE "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
#define CSP_OTHER "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

static bool hsts; /* ACCORD_COOKIE_SECURE=1: served behind TLS, so browsers are told to keep to it */
static bool access_log_on; /* ACCORD_ACCESS_LOG=1 */
static void access_log_write(struct MHD_Connection *conn, const char *method, const char *url,
			     int status, size_t bytes);

static enum MHD_Result respond(struct MHD_Connection *conn, const char *method, const char *url,
			       struct response *rs, bool page)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len;
	char *body = buf_detach(&rs->body, &len);

	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	/* JSON names its character set and asks to be saved, never shown, should a browser open it (ASVS 14.4.1, 14.4.2). */
	if (!rs->content_type || strcmp(rs->content_type, "application/json") == 0) {
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
		MHD_add_response_header(r, "Content-Disposition", "attachment; filename=\"api.json\"");
	} else {
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rs->content_type);
	}
	MHD_add_response_header(r, "Content-Security-Policy", page ? CSP_PAGE : CSP_OTHER);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (atomic_load(&stopping))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	if (hsts)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	for (int i = 0; i < rs->nheaders; i++) {
		MHD_add_response_header(r, rs->headers[i].name, rs->headers[i].value);
		free(rs->headers[i].value);
	}
	rs->nheaders = 0;
	ret = MHD_queue_response(conn, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	deadline_restart(conn);
	if (access_log_on)
		access_log_write(conn, method, url, rs->status, len);
	return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *conn, const char *method,
				  const char *url, int status, const char *code, const char *msg)
{
	struct response rs = {0};

	buf_init(&rs.body, 0);
	reply_error(&rs, status, code, NULL, msg);
	return respond(conn, method, url, &rs, false);
}

/* ACCORD_TRUSTED_PROXY: the addresses of reverse proxies (nginx) whose X-Forwarded-For names the client, comma-separated. */
static char trusted_proxies[512];

static bool trusted_proxy(const char *peer)
{
	size_t len = strlen(peer);

	for (const char *p = trusted_proxies; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n == len && !strncmp(p, peer, n))
			return true;
		p += n + (comma ? 1 : 0);
	}
	return false;
}

/* The last address in X-Forwarded-For — the one the trusted proxy itself saw — if it is an IP address. */
static bool forwarded_client(struct MHD_Connection *conn, char *out, size_t n)
{
	const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
	const char *last;
	char addr[64];
	unsigned char bin[16];
	size_t len;

	if (!xff)
		return false;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	len = strcspn(last, " ");
	if (!len || len >= sizeof addr)
		return false;
	memcpy(addr, last, len);
	addr[len] = '\0';
	if (inet_pton(AF_INET, addr, bin) != 1 && inet_pton(AF_INET6, addr, bin) != 1)
		return false;
	snprintf(out, n, "%s", addr);
	return true;
}

static void client_address(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, n, "-");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
			  (socklen_t)n);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out,
			  (socklen_t)n);
	/* Behind a trusted proxy every request comes from the proxy: the client is who it says it forwarded. */
	if (*trusted_proxies && trusted_proxy(out))
		forwarded_client(conn, out, n);
}

/* One line per answer on stderr; what it writes is in access_log.c. */
static void access_log_write(struct MHD_Connection *conn, const char *method, const char *url,
			     int status, size_t bytes)
{
	char client[64];

	client_address(conn, client, sizeof client);
	access_log_line(stderr, time(NULL), client, method, url, status, bytes);
}

static enum MHD_Result dispatch(struct MHD_Connection *conn, const char *method,
				const char *url, struct conn_state *st)
{
	struct request rq;
	struct response rs;
	enum MHD_Result ret;

	memset(&rq, 0, sizeof rq);
	memset(&rs, 0, sizeof rs);
	buf_init(&rs.body, 0);
	rs.status = 200;
	rq.conn = conn;
	rq.method = st->method;
	rq.path = url;
	rq.route = st->route;
	rq.id = st->id;
	rq.body_raw = st->body.data;
	rq.body_len = st->body.len;
	client_address(conn, rq.client, sizeof rq.client);
	deadline_pause(conn);
	rq.store = thread_store();
	if (!rq.store)
		router_deny(&rq, &rs, 503, "unavailable", "the database is unavailable; try again shortly");
	else if (batch_takes(&rq))
		batch_handle(&rq, &rs);
	else
		router_handle(&rq, &rs);
	if (rq.json)
		json_decref(rq.json);
	form_free(&rq);
	ret = respond(conn, method, url, &rs, (st->route->flags & R_PAGE) != 0);
	buf_release(&rs.body);
	return ret;
}

/* Bodies above this wait for credentials before they are read (the import routes). */
#define LARGE_BODY (64 * 1024)

/* Whether the request carries a bearer token or a session cookie (not whether they are good). */
static bool carries_credentials(struct MHD_Connection *conn)
{
	const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);

	return (auth && !strncmp(auth, "Bearer ", 7)) ||
	       MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "accord_session") != NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct conn_state *st = *con_cls;

	(void)cls;
	(void)version;
	if (!st) {
		const char *cl;
		int m = method_parse(method);

		st = calloc(1, sizeof *st);
		if (!st)
			return MHD_NO;
		*con_cls = st;
		buf_init(&st->body, 1);
		atomic_fetch_add(&in_flight, 1);
		if (m < 0)
			return send_error(conn, method, url, 405, "method_not_allowed", "method not allowed");
		st->method = (enum method)m;
		st->route = router_match(st->method, url, &st->id, &st->path_known);
		if (!st->route) {
			char page[256];

			/* A form's URL left in the address bar after a refused post: Enter shows its page, not an error. */
			if (st->method == M_GET && router_form_page(url, page, sizeof page)) {
				struct response rs = {0};

				buf_init(&rs.body, 0);
				reply_redirect(&rs, page);
				return respond(conn, method, url, &rs, true);
			}
			if (st->path_known)
				return send_error(conn, method, url, 405, "method_not_allowed", "method not allowed");
			if (strncmp(url, "/api/", 5) != 0) {
				struct response rs = {0};

				buf_init(&rs.body, 0);
				page_error(NULL, &rs, 404, "There is no such page.");
				return respond(conn, method, url, &rs, true);
			}
			return send_error(conn, method, url, 404, "not_found", "no such route");
		}
		/*
		 * A route that takes a large body (the imports: 4 MiB) answers a request carrying no
		 * credentials at all before reading its body, so that nobody can make the server hold
		 * megabytes per connection without signing in. Whether the credentials are good is
		 * decided as for every request, by the router, once the body is read.
		 */
		if (!(st->route->flags & R_PUBLIC) && st->route->max_body > LARGE_BODY && !carries_credentials(conn))
			return send_error(conn, method, url, 401, "unauthorized", "sign in first");
		buf_init(&st->body, st->route->max_body ? st->route->max_body : 1);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						 MHD_HTTP_HEADER_CONTENT_LENGTH);
		/*
		 * An oversize body up to 1 MiB is read and thrown away before the 413: answering
		 * first and closing would break the pipe of a proxy still sending it, and nginx
		 * then takes this server out of rotation for every user. Beyond 1 MiB the answer
		 * comes at once and the connection closes.
		 */
		if (cl && strtoull(cl, NULL, 10) > (unsigned long long)st->body.max) {
			if (strtoull(cl, NULL, 10) > 1024 * 1024)
				return send_error(conn, method, url, 413, "too_large", "the body is too large");
			st->too_big = true;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_big && buf_add(&st->body, upload, *upload_size) != 0)
			st->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (!st->route)
		return MHD_YES;
	if (st->too_big)
		return send_error(conn, method, url, 413, "too_large", "the body is too large");
	return dispatch(conn, method, url, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_state *st = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (!st)
		return;
	buf_release(&st->body);
	free(st);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
	/* The next request on this connection has its own time from now. */
	deadline_restart(conn);
}

/*
 * On SIGUSR1, one line on stderr with the process's memory: what it has from the system
 * (VmRSS), what its heap holds in use (util/heap.c: jemalloc's or glibc's account), what of
 * that SQLite holds (schemas, statements, sorters; its page caches are in their own pool,
 * reported apart) and the kept search answers (at most 16 MiB), and the rest — accord's own
 * working memory, which must stay flat under a long load (tests/soak/soak.sh asks for this
 * line every second).
 */
static void memory_report(void)
{
	struct heap_account h;
	long long sqlite = store_sqlite_memory(), search = (long long)search_cache_bytes();
	long long rss = 0, pool_most, pool = store_sqlite_page_pool_used(&pool_most);
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");

	heap_account(&h);
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %lld", &rss) == 1)
			break;
	if (f)
		fclose(f);
	fprintf(stderr, "accord: memory: resident %lld KiB, heap in use %lld KiB, sqlite %lld KiB, search answers %lld KiB, the rest %lld KiB; malloc (%s) holds %lld KiB, %lld KiB of it free; sqlite page pool %lld KiB in use, %lld KiB at most\n",
		rss, h.in_use / 1024, sqlite / 1024, search / 1024, (h.in_use - sqlite - search) / 1024,
		heap_is_jemalloc() ? "jemalloc" : "glibc", h.held / 1024, (h.held - h.in_use) / 1024,
		pool / 1024, pool_most / 1024);
}

int server_run(const struct server_options *opt)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	MHD_socket listen_fd;
	sigset_t set;
	int sig = 0;

	server_db = opt->db;
	store_log_faults = true;
	/*
	 * Answers of a few hundred kilobytes (the portfolio page) were each an mmap of their own,
	 * faulted in page by page and unmapped after sending: measured, over half the CPU went
	 * to the kernel. Below 8 MiB they now come from the heap and its freed memory is reused.
	 */
	mallopt(M_MMAP_THRESHOLD, 8 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
	heap_return_at_once(); /* jemalloc's freed pages: util/heap.c */
	hsts = getenv("ACCORD_COOKIE_SECURE") && strcmp(getenv("ACCORD_COOKIE_SECURE"), "1") == 0;
	access_log_on = getenv("ACCORD_ACCESS_LOG") && strcmp(getenv("ACCORD_ACCESS_LOG"), "1") == 0;
	snprintf(trusted_proxies, sizeof trusted_proxies, "%s", getenv("ACCORD_TRUSTED_PROXY") ? getenv("ACCORD_TRUSTED_PROXY") : "");
	pthread_key_create(&store_key, store_key_free);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons(opt->port);
	if (inet_pton(AF_INET, opt->host, &addr.sin_addr) != 1) {
		fprintf(stderr, "accord: --listen: '%s' is not an IPv4 address\n", opt->host);
		return 2;
	}
	/* Block the stop signals in every thread; the main thread waits for them below. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1); /* memory_report */
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	public_base_set_listen(opt->host, opt->port);
	batch_start(opt->db);
	deadline_start(opt->request_timeout ? opt->request_timeout : SERVER_REQUEST_TIMEOUT);
	/* MHD_USE_ITC: MHD_quiesce_daemon works in this mode only with it (without, SIGTERM refused no new connection). */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, 0, NULL,
			     NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, opt->threads ? opt->threads : 4,
			     MHD_OPTION_CONNECTION_LIMIT,
			     opt->max_connections ? opt->max_connections : SERVER_MAX_CONNECTIONS,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, opt->max_connections_per_ip,
			     MHD_OPTION_CONNECTION_TIMEOUT,
			     opt->idle_timeout ? opt->idle_timeout : SERVER_IDLE_TIMEOUT,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT,
			     (size_t)(opt->max_header_bytes ? opt->max_header_bytes : SERVER_MAX_HEADER_BYTES),
			     MHD_OPTION_NOTIFY_CONNECTION, deadline_notify, NULL,
			     MHD_OPTION_UNESCAPE_CALLBACK, request_unescape, NULL,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		deadline_stop();
		batch_stop();
		fprintf(stderr, "accord: cannot listen on %s:%u\n", opt->host, opt->port);
		return 1;
	}
	fprintf(stderr, "accord: serving http://%s:%u/\n", opt->host, opt->port);
	/*
	 * Wait for a stop signal. Every SERVER_TRIM_SECONDS meanwhile, hand freed memory back to
	 * the system (jemalloc would in time by itself; glibc's malloc, with M_TRIM_THRESHOLD high
	 * above, would keep what the worker threads' requests freed).
	 */
	for (time_t trimmed = time(NULL);;) {
		struct timespec wait = {SERVER_TRIM_SECONDS, 0};

		sig = sigtimedwait(&set, NULL, &wait);
		if (sig > 0 && sig != SIGUSR1)
			break;
		/* On the clock, not on the timeout alone: SIGUSR1 every second must not put the trim off. */
		if (time(NULL) - trimmed >= SERVER_TRIM_SECONDS) {
			heap_release();
			trimmed = time(NULL);
		}
		if (sig == SIGUSR1)
			memory_report();
	}
	/*
	 * Stop listening — shut down, the socket refuses new connections at once instead of
	 * holding them in its backlog — let in-flight requests finish (at most
	 * SERVER_STOP_SECONDS; their answers close their connections), then stop.
	 */
	atomic_store(&stopping, true);
	listen_fd = MHD_quiesce_daemon(d);
	if (listen_fd != MHD_INVALID_SOCKET)
		shutdown(listen_fd, SHUT_RDWR);
	for (int i = 0; i < SERVER_STOP_SECONDS * 100 && atomic_load(&in_flight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);
	deadline_stop();
	batch_stop();
	fprintf(stderr, "accord: stopped\n");
	return 0;
}
