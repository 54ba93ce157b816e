/* cmd_user: "accord user add" adds a user with roles and a password and prints the id; "accord user deactivate" deactivates one. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../service/auth.h"
#include "../service/orgs.h"
#include "cli.h"

int cmd_user_add(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"org", required_argument, NULL, 'o'},
					     {"email", required_argument, NULL, 'e'},
					     {"name", required_argument, NULL, 'n'},
					     {"role", required_argument, NULL, 'r'},
					     {"password-stdin", no_argument, NULL, 'p'},
					     {NULL, 0, NULL, 0}};
	struct user_input in = {0, NULL, NULL, 0, NULL};
	char password[PASSWORD_MAX + 2], generated[48];
	const char *db = NULL, *org = NULL;
	int c, from_stdin = 0, role;
	struct error err = {0};
	struct store *s;
	long long id;
	char *end;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'o': org = optarg; break;
		case 'e': in.email = optarg; break;
		case 'n': in.name = optarg; break;
		case 'p': from_stdin = 1; break;
		case 'r':
			role = role_parse(optarg);
			if (role < 0)
				return cli_fail(EXIT_USAGE, "user add: unknown role '%s'", optarg);
			in.roles |= ROLE_BIT(role);
			break;
		default:
			return cli_fail(EXIT_USAGE, "user add: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "user add: unexpected argument '%s'", argv[optind]);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "user add: --db is required (or set ACCORD_DB)");
	if (!org || (in.org_id = strtoll(org, &end, 10)) <= 0 || *end)
		return cli_fail(EXIT_USAGE, "user add: --org must be an organisation id");
	if (!in.email)
		return cli_fail(EXIT_USAGE, "user add: --email is required");
	if (!in.name)
		return cli_fail(EXIT_USAGE, "user add: --name is required");
	if (!in.roles)
		return cli_fail(EXIT_USAGE, "user add: at least one --role is required");
	if (from_stdin) {
		if (!fgets(password, sizeof password, stdin))
			return cli_fail(EXIT_USAGE, "user add: no password on standard input");
		password[strcspn(password, "\r\n")] = '\0';
		in.password = password;
	} else {
		auth_random_token(generated, sizeof generated, 12);
		in.password = generated;
	}
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	/* The operator's tool, with the database's own rights: no caller, so no role grant check (docs/api.md, "Role grants"). */
	id = user_create(s, &in, &err);
	store_close(s);
	/* The password rule's messages are said of the field ("is one of the most common passwords"). */
	if (id < 0 && err.field && strcmp(err.field, "password") == 0)
		return cli_fail(EXIT_USAGE, "user add: the password %s", err.message);
	if (id < 0)
		return cli_fail(err.status == 422 ? EXIT_USAGE : EXIT_RUNTIME, "user add: %s", err.message);
	if (!from_stdin)
		fprintf(stderr, "accord: generated password for %s: %s\n", in.email, generated);
	printf("%lld\n", id);
	return 0;
}

int cmd_user_deactivate(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"user", required_argument, NULL, 'u'},
					     {NULL, 0, NULL, 0}};
	/* The operator, with the database's own rights: any user but an organisation's last manager (user_deactivate). */
	struct caller op = {.roles = ROLE_BIT(ROLE_ADMIN)};
	const char *db = NULL, *user = NULL;
	struct error err = {0};
	long long id = 0;
	struct store *s;
	char *end;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'u': user = optarg; break;
		default:
			return cli_fail(EXIT_USAGE, "user deactivate: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "user deactivate: unexpected argument '%s'", argv[optind]);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "user deactivate: --db is required (or set ACCORD_DB)");
	if (!user || (id = strtoll(user, &end, 10)) <= 0 || *end)
		return cli_fail(EXIT_USAGE, "user deactivate: --user must be a user id");
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	rc = user_deactivate(s, &op, id, &err);
	store_close(s);
	if (rc != 0)
		return cli_fail(err.status == 404 || err.status == 422 ? EXIT_USAGE : EXIT_RUNTIME, "user deactivate: %s", err.message);
	return 0;
}
