/* cmd_serve: "accord serve" — migrates the database and serves the web UI and API. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "../http/http.h"
#include "../service/clock.h"
#include "../service/trust.h"
#include "cli.h"

/* A limit from the environment: unset keeps the default; anything but a whole number from min to max is an error. */
static bool env_limit(const char *name, unsigned long min, unsigned long max, unsigned *out)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (!v)
		return true;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (!*v || *end || errno || v[0] == '-' || n < min || n > max) {
		cli_fail(EXIT_USAGE, "serve: %s must be a whole number from %lu to %lu, not '%s'", name, min,
			 max, v);
		return false;
	}
	*out = (unsigned)n;
	return true;
}

/* Every connection is a file descriptor: raise the soft limit to fit them, or say why it cannot. */
static bool files_for(unsigned connections)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)connections + 64;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= need)
		return true;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
		cli_fail(EXIT_USAGE, "serve: ACCORD_MAX_CONNECTIONS=%u needs %lu open files, but the limit is %lu (ulimit -n)",
			 connections, (unsigned long)need, (unsigned long)rl.rlim_max);
		return false;
	}
	rl.rlim_cur = need;
	setrlimit(RLIMIT_NOFILE, &rl);
	return true;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"listen", required_argument, NULL, 'l'},
					     {"threads", required_argument, NULL, 't'},
					     {NULL, 0, NULL, 0}};
	struct server_options so = {NULL, "127.0.0.1", 8080, 4, SERVER_MAX_CONNECTIONS,
				    SERVER_MAX_CONNECTIONS_PER_IP, SERVER_IDLE_TIMEOUT,
				    SERVER_REQUEST_TIMEOUT, SERVER_MAX_HEADER_BYTES};
	const char *listen = "127.0.0.1:8080";
	char host[64], *colon, *end;
	struct store *s;
	long port;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': so.db = optarg; break;
		case 'l': listen = optarg; break;
		case 't':
			so.threads = (unsigned)strtoul(optarg, &end, 10);
			if (*end || so.threads < 1 || so.threads > 64)
				return cli_fail(EXIT_USAGE, "serve: --threads must be 1 to 64");
			break;
		default:
			return cli_fail(EXIT_USAGE, "serve: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "serve: unexpected argument '%s'", argv[optind]);
	if (!clock_check())
		return cli_fail(EXIT_USAGE, "serve: ACCORD_TODAY must be a date YYYY-MM-DD");
	{
		struct error err = {0};

		if (!trust_settings_load(&err))
			return cli_fail(EXIT_USAGE, "serve: ACCORD_TRUST: %s", err.message);
	}
	if (!env_limit("ACCORD_MAX_CONNECTIONS", 1, 100000, &so.max_connections) ||
	    !env_limit("ACCORD_MAX_CONNECTIONS_PER_IP", 0, 100000, &so.max_connections_per_ip) ||
	    !env_limit("ACCORD_IDLE_TIMEOUT", 1, 3600, &so.idle_timeout) ||
	    !env_limit("ACCORD_REQUEST_TIMEOUT", 1, 3600, &so.request_timeout) ||
	    !env_limit("ACCORD_MAX_HEADER_BYTES", 8192, 1024 * 1024, &so.max_header_bytes) ||
	    !files_for(so.max_connections))
		return EXIT_USAGE;
	if (!(so.db = cli_db(so.db)))
		return cli_fail(EXIT_USAGE, "serve: --db is required (or set ACCORD_DB)");
	snprintf(host, sizeof host, "%s", listen);
	colon = strrchr(host, ':');
	if (!colon)
		return cli_fail(EXIT_USAGE, "serve: --listen must be HOST:PORT, not '%s'", listen);
	*colon = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		return cli_fail(EXIT_USAGE, "serve: --listen: '%s' is not a port", colon + 1);
	so.host = host;
	so.port = (unsigned short)port;
	/*
	 * SQLite's page caches in a pool of their own, shared by the worker threads' connections and
	 * the batch writer's (server.c, batch.c); ACCORD_SQLITE_PAGE_POOL=0 leaves them in the heap.
	 */
	if (!store_is_postgres(so.db) &&
	    !(getenv("ACCORD_SQLITE_PAGE_POOL") && !strcmp(getenv("ACCORD_SQLITE_PAGE_POOL"), "0"))) {
		struct error err = {0};

		/* Not fatal: without the pool the caches come from the heap, as they always may. */
		if (store_sqlite_page_pool(store_sqlite_page_pool_kib(so.threads), &err) < 0)
			fprintf(stderr, "accord: serve: SQLite's page caches stay in the heap: %s\n", err.message);
	}
	if (!(s = cli_open(so.db)))
		return EXIT_RUNTIME;
	store_close(s);
	return server_run(&so);
}
