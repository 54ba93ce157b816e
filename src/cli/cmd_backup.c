/* cmd_backup: "accord backup" — a consistent copy of a live database (SQLite or PostgreSQL) into a new SQLite file, safe while serve writes to it. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../service/copy.h"
#include "cli.h"

static bool is_postgres(const char *db)
{
	return !strncmp(db, "postgres://", 11) || !strncmp(db, "postgresql://", 13);
}

/* Removes what an interrupted backup may have left under the temporary name. */
static void remove_temporary(const char *tmp)
{
	static const char *const tails[] = {"", "-journal", "-wal", "-shm"};
	char path[4200];

	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		snprintf(path, sizeof path, "%s%s", tmp, tails[i]);
		unlink(path);
	}
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* PostgreSQL: the rows of one REPEATABLE READ snapshot, copied into a new SQLite database and verified per table. */
static int backup_postgres(const char *db, const char *tmp, struct error *err)
{
	struct store *from, *to;
	long long rows;

	if (!(from = store_open(db, err)))
		return -1;
	if (!(to = store_open(tmp, err))) {
		store_close(from);
		return -1;
	}
	rows = db_copy_snapshot(from, to, NULL, err);
	store_close(from);
	store_close(to);
	return rows < 0 ? -1 : 0;
}

/* SQLite: the pages of one read transaction (SQLite's online backup), then an accord database at the current schema. */
static int backup_sqlite(const char *db, const char *tmp, struct error *err)
{
	struct store *s;
	int version;

	if (store_sqlite_backup(db, tmp, err))
		return -1;
	if (!(s = store_open(tmp, err)))
		return -1;
	version = store_schema_version(s);
	store_close(s);
	if (version != store_schema_latest()) {
		error_set(err, 409, "conflict", "db", "'%s' is not an accord database at the current schema (%d, not %d); run accord init on it first",
			  db, version, store_schema_latest());
		return -1;
	}
	return 0;
}

int cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"to", required_argument, NULL, 't'},
					     {NULL, 0, NULL, 0}};
	const char *db_opt = NULL, *to = NULL, *db;
	char tmp[4096], wal[4200], dir[4096];
	struct error err = {0};
	struct stat st;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db_opt = optarg; break;
		case 't': to = optarg; break;
		default:
			return cli_fail(EXIT_USAGE, "backup: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "backup: unexpected argument '%s'", argv[optind]);
	db = cli_db(db_opt);
	if (!db || !*db)
		return cli_fail(EXIT_USAGE, "backup: --db DB is required (or set ACCORD_DB)");
	if (!to || !*to)
		return cli_fail(EXIT_USAGE, "backup: --to FILE is required");
	if (is_postgres(to))
		return cli_fail(EXIT_USAGE, "backup: --to is a new file (a SQLite database); to restore into PostgreSQL, use accord copy --from FILE");
	if (strlen(to) > sizeof tmp - 8)
		return cli_fail(EXIT_USAGE, "backup: --to is too long");
	if (!strcmp(db, to))
		return cli_fail(EXIT_USAGE, "backup: --db and --to name the same file");
	if (lstat(to, &st) == 0)
		return cli_fail(EXIT_RUNTIME, "backup: '%s' exists; a backup goes to a new file", to);
	if (errno != ENOENT)
		return cli_fail(EXIT_RUNTIME, "backup: cannot use '%s': %s", to, strerror(errno));
	/* The source is read as it is: a SQLite path that does not exist is not created. */
	if (!is_postgres(db)) {
		FILE *f = fopen(db, "rb");

		if (!f)
			return cli_fail(EXIT_RUNTIME, "backup: cannot read the database '%s': %s", db, strerror(errno));
		fclose(f);
	}
	/* Written under another name and renamed when whole, so a half backup never has the final name. */
	snprintf(tmp, sizeof tmp, "%s.tmp", to);
	snprintf(wal, sizeof wal, "%s-wal", tmp);
	remove_temporary(tmp);
	rc = is_postgres(db) ? backup_postgres(db, tmp, &err) : backup_sqlite(db, tmp, &err);
	if (rc == 0)
		rc = store_sqlite_check(tmp, &err);
	if (rc == 0 && access(wal, F_OK) == 0) {
		error_set(&err, 500, "store", "to", "the backup's write-ahead log was not folded into '%s'", tmp);
		rc = -1;
	}
	if (rc == 0 && fsync_path(tmp, O_RDONLY)) {
		error_set(&err, 500, "store", "to", "cannot write '%s' to disk: %s", tmp, strerror(errno));
		rc = -1;
	}
	/* link, not rename: a file that appeared under the final name meanwhile is not replaced. */
	if (rc == 0 && link(tmp, to) != 0) {
		error_set(&err, 500, "store", "to", errno == EEXIST ? "'%s' appeared meanwhile; a backup goes to a new file" : "cannot create '%s': %s", to,
			  strerror(errno));
		rc = -1;
	}
	remove_temporary(tmp);
	if (rc)
		return cli_fail(EXIT_RUNTIME, "backup: %s", err.message);
	snprintf(dir, sizeof dir, "%s", to);
	if (fsync_path(dirname(dir), O_RDONLY | O_DIRECTORY))
		return cli_fail(EXIT_RUNTIME, "backup: cannot write the folder of '%s' to disk: %s", to, strerror(errno));
	if (stat(to, &st) != 0)
		return cli_fail(EXIT_RUNTIME, "backup: '%s' is gone: %s", to, strerror(errno));
	printf("backed up %s to %s (%lld bytes); integrity and foreign key checks ok\n", is_postgres(db) ? "the PostgreSQL database" : db, to,
	       (long long)st.st_size);
	return 0;
}
