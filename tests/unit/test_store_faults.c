/* test_store_faults: the SQLite store when SQLite ends a transaction by itself — the group commit it was part of must fail whole. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/store/store.h"
#include "../harness.h"

static char dir[] = "/tmp/accord-store-faults-XXXXXX";
static char path[64];

static int count_cb(void *ctx, const struct sqlval *cols, int ncols)
{
	(void)ncols;
	*(long long *)ctx = cols[0].i;
	return 1;
}

static long long rows(struct store *s)
{
	long long n = -1;

	store_query(s, "SELECT count(*) FROM t", NULL, 0, count_cb, &n, NULL);
	return n;
}

static int insert(struct store *s, long long x, struct error *err)
{
	struct sqlval a[1] = {SQL_I(x)};

	return store_query(s, "INSERT INTO t (x) VALUES (?)", a, 1, NULL, NULL, err);
}

/*
 * A trigger's RAISE(ROLLBACK) rolls the whole transaction back, as SQLite does by itself on an
 * I/O error or a full disk. In a group commit (store_job_begin/end inside one transaction) the
 * jobs after it would otherwise run outside any transaction, each saved alone, and the COMMIT
 * would succeed — answering the first job as saved though it was undone.
 */
static void lost_transaction_fails_the_group(void)
{
	struct error err = {0};
	struct store *s = store_open(path, &err);

	CHECK(s != NULL);
	if (!s)
		return;
	CHECK(store_query(s, "CREATE TABLE t (x INTEGER)", NULL, 0, NULL, NULL, NULL) >= 0);
	CHECK(store_query(s, "CREATE TRIGGER t_refuse BEFORE INSERT ON t WHEN NEW.x = 0 BEGIN SELECT RAISE(ROLLBACK, 'refused'); END",
			  NULL, 0, NULL, NULL, NULL) >= 0);

	CHECK_INT(store_begin(s, &err), 0);
	CHECK_INT(store_job_begin(s, &err), 0);
	CHECK(insert(s, 1, &err) >= 0);
	store_job_end(s, true);
	CHECK_INT(store_job_begin(s, &err), 0);
	CHECK(insert(s, 0, &err) < 0); /* the whole transaction is gone, job 1 with it */
	store_job_end(s, false);
	/* What follows fails rather than being saved on its own. */
	if (store_job_begin(s, &err) == 0) {
		CHECK(insert(s, 3, &err) < 0);
		store_job_end(s, true);
	}
	CHECK(store_commit(s, &err) != 0);
	CHECK_INT(rows(s), 0);

	/* The connection works again once the transaction has ended. */
	CHECK_INT(store_begin(s, &err), 0);
	CHECK(insert(s, 5, &err) >= 0);
	CHECK_INT(store_commit(s, &err), 0);
	CHECK_INT(rows(s), 1);
	store_close(s);
}

int main(void)
{
	char cmd[128];
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/faults.db", dir);
	RUN(lost_transaction_fails_the_group);
	rc = HARNESS_DONE("store_faults");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return rc;
}
