/* fuzz_request: sends arbitrary bytes as an HTTP request through libmicrohttpd, configured as accord's server is, and reads the request line, headers, query string, cookies, paging parameters, route and form body the way accord does (src/http/request.c, router.c, form.c). */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "domain/org.h"
#include "http/api.h"
#include "http/http.h"
#include "service/orgs.h"

/* As src/http/server.c. */

/* The per-request state, as server.c's conn_state. */
struct conn {
	const struct route *route;
	long long id;
	bool path_known;
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

static enum MHD_Result each_value(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	long long id;

	(void)cls;
	(void)kind;
	FUZZ_ASSERT(key != NULL, "a value without a name");
	if (value && parse_id(value, &id))
		FUZZ_ASSERT(id > 0 && value[0] != '0', "parse_id took %s as %lld", value, id);
	return MHD_YES;
}

/* Everything accord reads from the request line, headers, cookies and query before a handler runs, and what handlers read. */
static void read_request(struct MHD_Connection *mc, struct conn *c, const char *url, enum method m)
{
	static const char *const statuses[] = {"open", "addressed", "closed", NULL};
	struct request rq;
	struct response rs;
	struct page pg;
	const char *auth, *choice, *token;
	char base[256];

	memset(&rq, 0, sizeof rq);
	rq.conn = mc;
	rq.method = m;
	rq.path = url;
	rq.route = c->route;
	rq.id = c->id;
	memset(&rs, 0, sizeof rs);
	buf_init(&rs.body, 0);

	/* authenticate(): a bearer token, else the session cookie; csrf_ok(): the pre-session cookie. */
	auth = request_header(&rq, MHD_HTTP_HEADER_AUTHORIZATION);
	token = auth && strncmp(auth, "Bearer ", 7) == 0 ? auth + 7 : request_cookie(&rq, "accord_session");
	if (token)
		(void)strlen(token);
	(void)request_cookie(&rq, "accord_pre");
	(void)request_header(&rq, MHD_HTTP_HEADER_CONTENT_LENGTH);

	if (request_page(&rq, &rs, &pg)) {
		FUZZ_ASSERT(pg.limit >= 1 && pg.limit <= PAGE_LIMIT_MAX, "limit %d", pg.limit);
		FUZZ_ASSERT(pg.after >= 0, "after %lld", pg.after);
	} else {
		FUZZ_ASSERT(rs.status == 400, "a bad page answered %d", rs.status);
	}
	rs.status = 0;
	if (request_choice(&rq, &rs, "status", statuses, &choice))
		FUZZ_ASSERT(!choice || choice == statuses[0] || choice == statuses[1] || choice == statuses[2],
			    "a choice not from the list");
	else
		FUZZ_ASSERT(rs.status == 400, "a bad choice answered %d", rs.status);
	for (const char *const *q = (const char *const[]){"q", "tag", "industry", "format", "service_line", NULL}; *q; q++)
		(void)request_query(&rq, *q);

	/* The feed URL's base is ACCORD_PUBLIC_URL or the listen address, whatever the Host header says. */
	public_base_url(&rq, base, sizeof base);
	FUZZ_ASSERT(strncmp(base, "http", 4) == 0 && !strpbrk(base, "\r\n\"'<> "), "base URL %s", base);

	MHD_get_connection_values(mc, MHD_HEADER_KIND | MHD_COOKIE_KIND | MHD_GET_ARGUMENT_KIND, each_value, NULL);
	buf_release(&rs.body);
	for (int i = 0; i < rs.nheaders; i++)
		free(rs.headers[i].value);
}

/* What the router does with a form post's body once it has all arrived. */
static void read_form(struct MHD_Connection *mc, struct conn *c)
{
	struct request rq;

	memset(&rq, 0, sizeof rq);
	rq.conn = mc;
	rq.body_raw = c->body.data;
	rq.body_len = c->body.len;
	if (form_parse(&rq))
		(void)request_form(&rq, "csrf");
	form_free(&rq);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct conn *c = *con_cls;
	struct MHD_Response *r;
	enum MHD_Result ret;
	long long id = -1;
	int m;

	(void)cls;
	(void)version;
	if (!c) {
		c = calloc(1, sizeof *c);
		if (!c)
			abort();
		*con_cls = c;
		buf_init(&c->body, 64 * 1024);
		m = method_parse(method);
		if (m < 0)
			return MHD_YES;
		c->route = router_match((enum method)m, url, &id, &c->path_known);
		c->id = id;
		FUZZ_ASSERT(!c->route || c->path_known, "a route for an unknown path %s", url);
		read_request(mc, c, url, (enum method)m);
		return MHD_YES;
	}
	if (*upload_size) {
		buf_add(&c->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (c->route && (c->route->flags & R_FORM) && !c->body.overflow)
		read_form(mc, c);
	r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	ret = MHD_queue_response(mc, c->route ? 200 : 404, r);
	MHD_destroy_response(r);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct conn *c = *con_cls;

	(void)cls;
	(void)mc;
	(void)toe;
	if (!c)
		return;
	buf_release(&c->body);
	free(c);
	*con_cls = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct MHD_Daemon *d;
	struct sockaddr_in peer;
	char sink[4096];
	size_t sent = 0;
	int sv[2];
	bool closed = false;

	/* Written to a socket buffer in one go: keep inputs within it. */
	if (size > 48 * 1024)
		return 0;
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_request, NULL,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_MAX_HEADER_BYTES,
			     MHD_OPTION_UNESCAPE_CALLBACK, request_unescape, NULL,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	FUZZ_ASSERT(d != NULL, "MHD_start_daemon failed");
	FUZZ_ASSERT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair: %s", strerror(errno));
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	memset(&peer, 0, sizeof peer);
	peer.sin_family = AF_INET;
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	peer.sin_port = htons(40000);
	FUZZ_ASSERT(MHD_add_connection(d, sv[1], (const struct sockaddr *)&peer, sizeof peer) == MHD_YES,
		    "MHD_add_connection failed");
	/* Send the request, close our side for writing, and run the daemon until it hangs up. */
	for (int round = 0; round < 10000 && !closed; round++) {
		ssize_t n;

		if (sent < size) {
			n = write(sv[0], data + sent, size - sent);
			if (n > 0)
				sent += (size_t)n;
			if (sent == size)
				shutdown(sv[0], SHUT_WR);
		} else if (size == 0 && round == 0) {
			shutdown(sv[0], SHUT_WR);
		}
		MHD_run(d);
		while ((n = read(sv[0], sink, sizeof sink)) > 0)
			;
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			closed = true;
	}
	MHD_stop_daemon(d);
	close(sv[0]);
	return 0;
}
