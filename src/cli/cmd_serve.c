/* cmd_serve: "accord serve" — migrates the database and serves the web UI and API. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../http/http.h"
#include "../service/clock.h"
#include "../service/trust.h"
#include "cli.h"

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"listen", required_argument, NULL, 'l'},
					     {"threads", required_argument, NULL, 't'},
					     {NULL, 0, NULL, 0}};
	struct server_options so = {NULL, "127.0.0.1", 8080, 4};
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
	if (!(s = cli_open(so.db)))
		return EXIT_RUNTIME;
	store_close(s);
	return server_run(&so);
}
