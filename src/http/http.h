/* http: the request and response every route handler works with, and the route table's shape. */
#ifndef ACCORD_HTTP_H
#define ACCORD_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdio.h>

#include "../service/access.h"
#include "../service/caller.h"
#include "../store/store.h"
#include "../util/buf.h"
#include "../util/jsonw.h"

enum method { M_GET, M_POST, M_PUT, M_PATCH, M_DELETE, M__MAX };

/* Route flags. */
#define R_PUBLIC 0x01 /* no sign-in needed */
#define R_PAGE 0x02   /* an HTML page or form: errors render as HTML, no session redirects to /login */
#define R_FORM 0x04   /* an HTML form post: a urlencoded body with a valid CSRF token */
#define R_JSON 0x08   /* a JSON body, validated against the route's schema */
#define R_SOLO 0x10   /* a write that hashes a password: never in a group commit (batch.c) */
#define R_ACCEPTED 0x20 /* a governance write: its engagement must be accepted (REL_ACCEPTED), else 409 not_accepted */
#define R_GRANTS 0x40 /* the body's "roles" are granted to a user of the {id} organisation, or to the {id} user: domain/org.h role_grant_allowed decides (403) */

/* Types of JSON body fields. */
enum field_type { F_STRING, F_TEXT, F_INT, F_ID, F_DATE, F_ENUM, F_BOOL, F_STRINGS, F_OBJECT, F_OBJECTS, F_IDS, F_NUMBER };

struct field {
	const char *name;
	enum field_type type;
	bool required;
	int max;			/* string length in bytes, or array length */
	const char *const *values;	/* F_ENUM, F_STRINGS: allowed values (NULL-terminated); F_IDS: positive integers */
	const struct field *fields;	/* F_OBJECT, F_OBJECTS: the fields of the object(s) ({NULL} terminated) */
};

/* Who may act: a relation the caller must have and roles of which it must hold one. */
struct permit {
	unsigned rel;
	role_mask roles;
};

struct request;
struct response;
typedef void (*handler_fn)(struct request *rq, struct response *rs);

/*
 * One row of the route table. The router, not the handler, enforces: sign-in (unless
 * R_PUBLIC), that the {id} resource is visible to the caller (`see`, else 404), that the
 * caller may act (one of `act`, else 403; empty means anyone who sees it), the body's
 * size (`max_body`, else 413), its encoding and its schema (400/422), and for R_ACCEPTED that
 * the resource's engagement is accepted (else 409, after the CSRF check).
 */
struct route {
	enum method method;
	const char *pattern;
	unsigned flags;
	enum resource res;
	unsigned see;
	struct permit act[3];
	const struct field *body;
	size_t max_body;
	handler_fn fn;
	/*
	 * Browser parity, for an API write route: the page form route that offers the same write,
	 * "POST /issues/{id}/responses" (an R_PAGE | R_FORM row of this table), or API_ONLY("why")
	 * for a write no person makes by hand. NULL on reads and page routes. tests/unit/test_parity.c
	 * checks every row; the browser suite checks that each named form is rendered.
	 */
	const char *form;
};

/* A route's `form` for an API write that has no page form on purpose, with the reason. */
#define API_ONLY(why) "api-only: " why

struct form_pair {
	char *name;
	char *value;
};

struct request {
	struct MHD_Connection *conn;
	enum method method;
	const char *path;
	const struct route *route;
	long long id; /* the {id} in the path, 0 if none */
	struct store *store;
	struct caller caller;
	bool signed_in;
	unsigned rel;	/* the caller's relations to the {id} resource */
	char client[64]; /* the client's address */
	const char *token; /* the session token that signed the caller in */
	const char *body_raw;
	size_t body_len;
	json_t *json; /* the validated JSON body (R_JSON) */
	struct form_pair *form; /* the parsed form body (R_FORM), NULL-terminated */
	size_t form_len;
	/* The inbox's length when the handler already read the whole inbox (the inbox page), else 0: the navigation counts again only when it must. */
	long long inbox_items;
	/* A request made without a connection (conn NULL, as tests/unit/test_permissions.c does): its headers and cookies as name, value, ..., NULL. */
	const char *const *headers;
	const char *const *cookies;
};

struct header {
	const char *name;
	char *value;
};

struct response {
	int status;
	const char *content_type;
	struct buf body;
	struct header headers[6];
	int nheaders;
};

extern const struct route routes[];
extern const size_t routes_count;

/* Response helpers (http/reply.c). */
void reply_json(struct response *rs, int status, json_t *steal);
/* Answers JSON text that is already written (malloc'd; NULL answers 500). */
void reply_json_text(struct response *rs, int status, char *steal);
/* Streams an answer: begin points w at the body, end closes it (500 instead when !ok or it overflowed). */
void reply_json_begin(struct response *rs, int status, struct jsonw *w);
void reply_json_end(struct response *rs, bool ok);
void reply_error(struct response *rs, int status, const char *code, const char *field,
		 const char *message);
void reply_err(struct response *rs, const struct error *e);
void reply_header(struct response *rs, const char *name, const char *value);
void reply_redirect(struct response *rs, const char *location);

/* Request helpers (http/request.c). */
const char *request_query(struct request *rq, const char *name);
const char *request_header(struct request *rq, const char *name);
const char *request_cookie(struct request *rq, const char *name);
const char *request_form(struct request *rq, const char *name);
/* Reads ?limit=&after= into a page; false (and a 400 reply) when they are malformed. */
struct page;
bool request_page(struct request *rq, struct response *rs, struct page *pg);
bool parse_id(const char *s, long long *out);
/* Reads an optional ?name= that must be one of values (NULL-terminated); false (and a 400) otherwise. */
bool request_choice(struct request *rq, struct response *rs, const char *name,
		    const char *const *values, const char **out);

/*
 * libmicrohttpd's unescape callback: decodes %XX in the path and query values as the library
 * does, except %00, which stays as it is — a decoded NUL would cut the path short, so that
 * "/assets/style.css%00.png" would be read as "/assets/style.css". Returns the new length.
 */
size_t request_unescape(void *cls, struct MHD_Connection *conn, char *s);

/* The roles a request names: its JSON body's "roles" array, or every "roles" field of its form. */
role_mask request_roles(struct request *rq);

/* Parses an application/x-www-form-urlencoded body into rq->form (http/form.c). */
bool form_parse(struct request *rq);
void form_free(struct request *rq);

/* Dispatch (http/router.c). */
const struct route *router_match(enum method m, const char *path, long long *id, bool *path_known);
/* For a GET on a path only a page form posts to: true, and out is the page to show instead. */
bool router_form_page(const char *path, char *out, size_t n);
void router_handle(struct request *rq, struct response *rs);
/* A refusal in the route's own kind: an error page for a page route, a JSON error otherwise. */
void router_deny(struct request *rq, struct response *rs, int status, const char *code,
		 const char *message);

/* The server (http/server.c). */
/* The server's limits (docs/reliability.md): defaults, each overridden by its ACCORD_ variable. */
#define SERVER_MAX_CONNECTIONS 1024	   /* ACCORD_MAX_CONNECTIONS: open connections in all */
#define SERVER_MAX_CONNECTIONS_PER_IP 0	   /* ACCORD_MAX_CONNECTIONS_PER_IP: from one address; 0 = no limit */
#define SERVER_IDLE_TIMEOUT 30		   /* ACCORD_IDLE_TIMEOUT: seconds a connection may send and read nothing */
#define SERVER_REQUEST_TIMEOUT 60	   /* ACCORD_REQUEST_TIMEOUT: seconds to send a request whole, or read an answer */
#define SERVER_MAX_HEADER_BYTES (64 * 1024) /* ACCORD_MAX_HEADER_BYTES: memory for a request's line and headers */
#define SERVER_STOP_SECONDS 10		   /* on SIGTERM, how long in-flight requests have to finish */

struct server_options {
	const char *db;
	const char *host;
	unsigned short port;
	unsigned threads;
	unsigned max_connections;
	unsigned max_connections_per_ip;
	unsigned idle_timeout;
	unsigned request_timeout;
	unsigned max_header_bytes;
};
int server_run(const struct server_options *opt);

/*
 * Request deadlines (http/deadline.c): a connection has request_timeout seconds to send a
 * request whole, and again to take its answer; the handler's own time is not counted. A
 * connection past its deadline is shut down (slowloris: headers or a body trickled).
 */
void deadline_start(unsigned seconds);
void deadline_stop(void);
void deadline_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
		     enum MHD_ConnectionNotificationCode code);
void deadline_pause(struct MHD_Connection *conn);
void deadline_restart(struct MHD_Connection *conn);

/*
 * The access log (http/access_log.c): one line per answer — UTC time, client, method, path,
 * status, bytes. A secret in the path (the calendar feed's token) is cut out and control
 * characters are escaped; no query string, header, cookie or body is ever written.
 */
void access_log_path(const char *url, char *out, size_t n);
void access_log_line(FILE *f, long long when, const char *client, const char *method,
		     const char *url, int status, size_t bytes);

/* Group commit (http/batch.c): start it for a SQLite database (false when off), hand it write requests, stop it. */
bool batch_start(const char *db);
void batch_stop(void);
bool batch_takes(const struct request *rq);
void batch_handle(struct request *rq, struct response *rs);

#endif
