/* client: a libcurl client and process control for driving accord over loopback. */
#include "client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static char log_dir[200];

void server_log_dir(const char *dir)
{
	snprintf(log_dir, sizeof log_dir, "%s", dir);
}

int server_start(struct server *s, const char *bin, const char *db, const char *env)
{
	char listen[64];

	s->port = free_port();
	if (s->port <= 0)
		return -1;
	snprintf(listen, sizeof listen, "127.0.0.1:%d", s->port);
	snprintf(s->base, sizeof s->base, "http://127.0.0.1:%d", s->port);
	snprintf(s->log, sizeof s->log, "%s/serve-%d.log", log_dir[0] ? log_dir : "/tmp", s->port);
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		FILE *f = freopen(s->log, "w", stderr);

		(void)f;
		if (env)
			putenv((char *)env);
		execl(bin, bin, "serve", "--db", db, "--listen", listen, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {
		if (call(s, "GET", "/healthz", NULL, NULL) == 200)
			return 0;
		usleep(50000);
	}
	return -1;
}

int server_stop(struct server *s)
{
	int st = 0;

	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	for (int i = 0; i < 300; i++) {
		pid_t r = waitpid(s->pid, &st, WNOHANG);

		if (r == s->pid) {
			s->pid = 0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		}
		usleep(50000);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &st, 0);
	s->pid = 0;
	return -1;
}

struct sink {
	char *data;
	size_t len;
};

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *k = ctx;
	size_t add = size * n;
	char *d = realloc(k->data, k->len + add + 1);

	if (!d)
		return 0;
	memcpy(d + k->len, p, add);
	k->len += add;
	d[k->len] = '\0';
	k->data = d;
	return add;
}

static void header_value(const char *line, size_t len, const char *name, char *out, size_t outlen)
{
	size_t n = strlen(name);

	if (len > n + 1 && strncasecmp(line, name, n) == 0 && line[n] == ':') {
		const char *v = line + n + 1;
		size_t vl = len - n - 1;

		while (vl && (*v == ' '))
			v++, vl--;
		while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n'))
			vl--;
		if (vl >= outlen)
			vl = outlen - 1;
		memcpy(out, v, vl);
		out[vl] = '\0';
	}
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	struct resp *r = ctx;
	size_t len = size * n;

	header_value(p, len, "Location", r->location, sizeof r->location);
	header_value(p, len, "Retry-After", r->retry_after, sizeof r->retry_after);
	header_value(p, len, "Set-Cookie", r->set_cookie, sizeof r->set_cookie);
	header_value(p, len, "Content-Type", r->content_type, sizeof r->content_type);
	header_value(p, len, "Content-Security-Policy", r->csp, sizeof r->csp);
	header_value(p, len, "X-Content-Type-Options", r->nosniff, sizeof r->nosniff);
	return len;
}

int http(struct server *s, const char *method, const char *path, const char *token,
	 const char *body, const char *content_type, const char *cookie, struct resp *r)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	struct sink k = {NULL, 0};
	char url[1024], line[512];
	CURLcode rc;

	memset(r, 0, sizeof *r);
	if (!c)
		return -1;
	snprintf(url, sizeof url, "%s%s", s->base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &k);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	if (token) {
		snprintf(line, sizeof line, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, line);
	}
	if (cookie) {
		snprintf(line, sizeof line, "Cookie: %s", cookie);
		h = curl_slist_append(h, line);
	}
	if (body) {
		snprintf(line, sizeof line, "Content-Type: %s",
			 content_type ? content_type : "application/json");
		h = curl_slist_append(h, line);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	r->body = k.data ? k.data : strdup("");
	r->json = json_loads(r->body, 0, NULL);
	return rc == CURLE_OK ? 0 : -1;
}

void resp_free(struct resp *r)
{
	json_decref(r->json);
	free(r->body);
	r->json = NULL;
	r->body = NULL;
}

long call_json(struct server *s, const char *method, const char *path, const char *token,
	       const char *body, json_t **out)
{
	struct resp r;
	long st;

	http(s, method, path, token, body, NULL, NULL, &r);
	st = r.status;
	*out = r.json;
	r.json = NULL;
	resp_free(&r);
	return st;
}

long call(struct server *s, const char *method, const char *path, const char *token, const char *body)
{
	json_t *j = NULL;
	long st = call_json(s, method, path, token, body, &j);

	json_decref(j);
	return st;
}

char *login(struct server *s, const char *email, const char *password)
{
	json_t *j = NULL, *body = json_pack("{s:s, s:s}", "email", email, "password", password);
	char *text = json_dumps(body, JSON_COMPACT), *token = NULL;

	if (call_json(s, "POST", "/api/v1/login", NULL, text, &j) == 200 &&
	    json_string_value(json_object_get(j, "token")))
		token = strdup(json_string_value(json_object_get(j, "token")));
	json_decref(j);
	json_decref(body);
	free(text);
	return token;
}

int run_capture(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	struct sink k = {NULL, 0};
	char chunk[4096];
	size_t n;
	int st;

	if (!p)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		on_body(chunk, 1, n, &k);
	st = pclose(p);
	*out = k.data ? k.data : strdup("");
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *fmt(const char *f, ...)
{
	/* A ring of buffers, each valid until 256 later calls: the permission matrix holds one per row at once. */
	static char bufs[256][4096];
	static int next;
	char *b = bufs[next++ % 256];
	va_list ap;

	va_start(ap, f);
	vsnprintf(b, sizeof bufs[0], f, ap);
	va_end(ap);
	return b;
}

const char *error_code(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "code"));
}

const char *error_field(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "field"));
}

/* Sends request to s as written and reads the whole answer (the request says Connection: close); malloc'd, or NULL. */
char *raw_to(const struct server *s, const char *request, size_t len)
{
	struct sockaddr_in a;
	struct timeval tv = {20, 0};
	size_t cap = 1 << 16, got = 0;
	char *out = malloc(cap);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (!out || fd < 0) {
		free(out);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)s->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 || write(fd, request, len) != (ssize_t)len) {
		close(fd);
		free(out);
		return NULL;
	}
	for (int rounds = 0; rounds < 10000; rounds++) {
		ssize_t n;

		if (got + 1 >= cap) {
			char *bigger = cap < (8u << 20) ? realloc(out, cap * 2) : NULL;

			if (!bigger)
				break;
			out = bigger;
			cap *= 2;
		}
		n = read(fd, out + got, cap - got - 1);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	out[got] = '\0';
	return out;
}

int html_csrf(const char *html, char *out, size_t n)
{
	const char *p = html ? strstr(html, "name=\"csrf\" value=\"") : NULL;
	size_t len;

	if (!p)
		return -1;
	p += 19;
	len = strcspn(p, "\"");
	if (len >= n)
		return -1;
	memcpy(out, p, len);
	out[len] = '\0';
	return 0;
}

int web_sign_in(struct server *s, const char *email, const char *password, char *cookie, size_t cn,
		char *csrf, size_t sn, char *set_cookie, size_t scn)
{
	struct resp r;
	char pre[128], pre_cookie[160];

	http(s, "GET", "/login", NULL, NULL, NULL, NULL, &r);
	if (html_csrf(r.body, pre, sizeof pre) != 0) {
		resp_free(&r);
		return -1;
	}
	resp_free(&r);
	snprintf(pre_cookie, sizeof pre_cookie, "accord_pre=%s", pre);
	http(s, "POST", "/login", NULL, fmt("csrf=%s&email=%s&password=%s", pre, email, password),
	     "application/x-www-form-urlencoded", pre_cookie, &r);
	if (r.status != 303 || strncmp(r.set_cookie, "accord_session=", 15) != 0) {
		resp_free(&r);
		return -1;
	}
	if (set_cookie)
		snprintf(set_cookie, scn, "%s", r.set_cookie);
	snprintf(cookie, cn, "%.*s", (int)strcspn(r.set_cookie, ";"), r.set_cookie);
	resp_free(&r);
	http(s, "GET", "/", NULL, NULL, NULL, cookie, &r);
	if (r.status != 200 || html_csrf(r.body, csrf, sn) != 0) {
		resp_free(&r);
		return -1;
	}
	resp_free(&r);
	return 0;
}

bool page_csrf_get(struct server *s, const char *path, const char *token, char *out, size_t n)
{
	struct resp r;
	bool ok;

	http(s, "GET", path, token, NULL, NULL, NULL, &r);
	ok = r.status == 200 && html_csrf(r.body, out, n) == 0;
	resp_free(&r);
	return ok;
}

long page_post(struct server *s, const char *from, const char *path, const char *token, const char *fields,
	       struct resp *r)
{
	char csrf[128] = "none";

	if (!page_csrf_get(s, from, token, csrf, sizeof csrf))
		snprintf(csrf, sizeof csrf, "none");
	http(s, "POST", path, token, fmt("csrf=%s&%s", csrf, fields), "application/x-www-form-urlencoded", NULL, r);
	return r->status;
}
