/* cli: the accord command line — one function per command, shared option helpers. */
#ifndef ACCORD_CLI_H
#define ACCORD_CLI_H

#include <stddef.h>

#include "../store/store.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

struct command {
	const char *name;	/* "init", "org add", ... */
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *summary;
};

extern const struct command commands[];
extern const size_t commands_count;

int cmd_init(int argc, char **argv);
int cmd_org_add(int argc, char **argv);
int cmd_user_add(int argc, char **argv);
int cmd_org_list(int argc, char **argv);
int cmd_user_deactivate(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_trust_explain(int argc, char **argv);
int cmd_trust_recompute(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_kpi_import(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_routes(int argc, char **argv);

/* Prints "accord: MESSAGE" on stderr and returns code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The --db value, else ACCORD_DB, else NULL. */
const char *cli_db(const char *opt);
/* Opens the database and applies migrations; prints the error and returns NULL on failure. */
struct store *cli_open(const char *db);

#endif
