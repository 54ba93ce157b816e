/* access_log: the one-line record of each answer (ACCORD_ACCESS_LOG=1), with secrets in the path cut out and control characters escaped. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http.h"

/* Paths that carry a secret, by prefix, and what the log writes instead of the whole path. */
static const struct {
	const char *prefix;
	const char *shown;
} secret_paths[] = {
	{"/calendar/", "/calendar/[token].ics"},
};

/* Copies s into out, each byte outside printable ASCII (and the backslash) written as \xNN. */
static void escaped(const char *s, char *out, size_t n)
{
	size_t o = 0;

	if (!n)
		return;
	for (; s && *s && o + 5 < n; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"')
			o += (size_t)snprintf(out + o, n - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

void access_log_path(const char *url, char *out, size_t n)
{
	for (size_t i = 0; i < sizeof secret_paths / sizeof secret_paths[0]; i++) {
		if (url && strncmp(url, secret_paths[i].prefix, strlen(secret_paths[i].prefix)) == 0) {
			snprintf(out, n, "%s", secret_paths[i].shown);
			return;
		}
	}
	escaped(url ? url : "-", out, n);
}

void access_log_line(FILE *f, long long when, const char *client, const char *method,
		     const char *url, int status, size_t bytes)
{
	char path[512], verb[32], at[32];
	time_t t = (time_t)when;
	struct tm tm;

	access_log_path(url, path, sizeof path);
	escaped(method ? method : "-", verb, sizeof verb);
	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "%s %s \"%s %s\" %d %zu\n", at, client && *client ? client : "-", verb, path,
		status, bytes);
}
