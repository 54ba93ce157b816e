/* client: drives a real accord server over HTTP on loopback for the API tests. */
#ifndef ACCORD_TEST_CLIENT_H
#define ACCORD_TEST_CLIENT_H

#include <jansson.h>
#include <stdbool.h>
#include <sys/types.h>

struct resp {
	long status;
	json_t *json;	    /* parsed body, or NULL */
	char *body;	    /* raw body */
	char location[256]; /* Location header */
	char retry_after[32];
	char set_cookie[512];
	char content_type[128];
	char csp[256];
	char nosniff[64];
};

struct server {
	pid_t pid;
	int port;
	char base[64];
	char log[256];
};

/* Starts `bin serve` on a free loopback port with the given extra environment (may be NULL). */
/* Where servers started from now on write their logs (serve-PORT.log). */
void server_log_dir(const char *dir);
int server_start(struct server *s, const char *bin, const char *db, const char *env);
/* Sends SIGTERM and returns the exit status (or -1). */
int server_stop(struct server *s);

/* One request; body may be NULL; token is a bearer token or NULL; cookie a Cookie header value or NULL. */
int http(struct server *s, const char *method, const char *path, const char *token,
	 const char *body, const char *content_type, const char *cookie, struct resp *r);
void resp_free(struct resp *r);

/* Convenience: JSON request with a bearer token; returns the status, frees the response. */
long call(struct server *s, const char *method, const char *path, const char *token, const char *body);
/* Like call but keeps the parsed JSON (caller json_decref's it). */
long call_json(struct server *s, const char *method, const char *path, const char *token,
	       const char *body, json_t **out);

/* Sends request to s byte for byte (no client tidies the path or headers) and reads the whole answer; the request should say Connection: close. malloc'd, or NULL. */
char *raw_to(const struct server *s, const char *request, size_t len);
/* The value of an HTML page's first hidden CSRF field into out (n bytes): 0, or -1 when there is none or it does not fit. */
int html_csrf(const char *html, char *out, size_t n);
/* GETs the page at path as token and reads its CSRF field: whether it answered 200 with one. */
bool page_csrf_get(struct server *s, const char *path, const char *token, char *out, size_t n);
/* A page form's post as the token's session, with the CSRF token of the page at from ("none" when it has none); the status, the answer in *r (resp_free it). */
long page_post(struct server *s, const char *from, const char *path, const char *token, const char *fields,
	       struct resp *r);

/*
 * Signs in through the web form as a browser does (the pre-session token, then the form):
 * fills cookie with "accord_session=...", csrf with the first page's CSRF token and, when
 * set_cookie is not NULL, the sign-in answer's Set-Cookie header. 0, or -1 when refused.
 */
int web_sign_in(struct server *s, const char *email, const char *password, char *cookie, size_t cn,
		char *csrf, size_t sn, char *set_cookie, size_t scn);
/* Logs in and returns a malloc'd token, or NULL. */
char *login(struct server *s, const char *email, const char *password);

/* Runs a command, captures its stdout into out (malloc'd) and returns its exit status. */
int run_capture(const char *cmd, char **out);

/* printf into one of 256 rotating 4 KiB buffers: for paths and bodies that live until 256 more calls (the permission matrix holds one per row). */
char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
/* error.code and error.field of an error answer, or NULL. */
const char *error_code(json_t *j);
const char *error_field(json_t *j);

#endif
