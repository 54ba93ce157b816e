/* test_page_pool: SQLite's page caches in their own pool (store_sqlite_page_pool) — sized by the workers, used, bounded, and refused once SQLite has started. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/store/store.h"
#include "../harness.h"

#define MIB (1024LL * 1024)

static char dir[] = "/tmp/accord-page-pool-XXXXXX";

static int sum_cb(void *ctx, const struct sqlval *cols, int ncols)
{
	(void)ncols;
	*(long long *)ctx = cols[0].i;
	return 1;
}

/* A database at dir/name with `mib` MiB of rows in table t, read through once by a new connection. */
static struct store *filled(const char *name, int mib)
{
	char path[128];
	struct error err = {0};
	struct store *s;
	long long total = -1;
	struct sqlval n[1] = {SQL_I(mib * 2048)}; /* rows of 512 bytes */

	snprintf(path, sizeof path, "%s/%s", dir, name);
	s = store_open(path, &err);
	if (!s) {
		fprintf(stderr, "store_open %s: %s\n", path, err.message);
		return NULL;
	}
	if (store_query(s, "CREATE TABLE t (x BLOB)", NULL, 0, NULL, NULL, &err) < 0 ||
	    store_query(s, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) "
			   "INSERT INTO t SELECT randomblob(512) FROM k", n, 1, NULL, NULL, &err) < 0 ||
	    store_query(s, "SELECT sum(length(x)) FROM t", NULL, 0, sum_cb, &total, &err) < 0) {
		fprintf(stderr, "filling %s: %s\n", path, err.message);
		store_close(s);
		return NULL;
	}
	CHECK_INT(total, mib * 2048LL * 512);
	return s;
}

/* Once SQLite is in use the pool can no longer be given to it: one clear error, not a crash (run in a child, which starts SQLite first). */
static void refused_after_sqlite_started(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		struct error err = {0};
		struct store *s = filled("child.db", 1);

		if (!s)
			_exit(3);
		if (store_sqlite_page_pool(6 * 1024, &err) == 0)
			_exit(4);
		if (!strstr(err.message, "must come first"))
			_exit(5);
		if (store_sqlite_page_pool_used(NULL) != 0)
			_exit(6);
		store_close(s);
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
}

/* The pool's size: 4 MiB a worker thread, or ACCORD_SQLITE_PAGE_POOL_KIB when it is a number of at least 256. */
static void pool_sized_by_workers(void)
{
	unsetenv("ACCORD_SQLITE_PAGE_POOL_KIB");
	CHECK_INT(store_sqlite_page_pool_kib(4), 16 * 1024);
	CHECK_INT(store_sqlite_page_pool_kib(8), 32 * 1024);
	CHECK_INT(store_sqlite_page_pool_kib(0), 16 * 1024); /* the server's default of 4 threads */
	setenv("ACCORD_SQLITE_PAGE_POOL_KIB", "30720", 1);
	CHECK_INT(store_sqlite_page_pool_kib(4), 30720);
	setenv("ACCORD_SQLITE_PAGE_POOL_KIB", "lots", 1);
	CHECK_INT(store_sqlite_page_pool_kib(4), 16 * 1024);
	setenv("ACCORD_SQLITE_PAGE_POOL_KIB", "100", 1);
	CHECK_INT(store_sqlite_page_pool_kib(2), 8 * 1024);
	unsetenv("ACCORD_SQLITE_PAGE_POOL_KIB");
}

/* With the pool, the cached pages are in it and not in SQLite's heap. */
static void pages_cached_in_the_pool(void)
{
	struct error err = {0};
	struct store *s;
	long long most = -1;

	CHECK_INT(store_sqlite_page_pool(12 * 1024, &err), 0);
	CHECK_INT(store_sqlite_page_pool_used(NULL), 0);
	CHECK_INT(store_sqlite_page_pool(12 * 1024, &err), 0); /* once per process; a second call changes nothing */
	s = filled("one.db", 4);
	CHECK(s != NULL);
	/* 4 MiB of rows read through a 6 MiB cache: nearly all of it in the pool. */
	CHECK(store_sqlite_page_pool_used(NULL) >= 3 * MIB);
	CHECK(store_sqlite_memory() < store_sqlite_page_pool_used(NULL) / 2);
	if (s)
		store_close(s);
	/* A closed connection's pages go back to the pool; the most ever used is remembered. */
	CHECK(store_sqlite_page_pool_used(&most) < 1 * MIB);
	CHECK(most >= 3 * MIB);
}

/*
 * More connections than the pool was made for: it fills to its size, and then SQLite reuses
 * its least recently used pages rather than taking more from the heap; every query still
 * answers (filled() checks each sum).
 */
static void full_pool_bounds_every_cache(void)
{
	struct store *s[3];
	long long heap_before = store_sqlite_memory(), most = -1;

	s[0] = filled("a.db", 5);
	s[1] = filled("b.db", 5);
	s[2] = filled("c.db", 5);
	CHECK(s[0] && s[1] && s[2]);
	/* The pool's 12 MiB at most (less than the three caches' 3 × 6 MiB), and most of it taken. */
	CHECK(store_sqlite_page_pool_used(&most) <= 12 * MIB);
	CHECK(most <= 12 * MIB);
	CHECK(store_sqlite_page_pool_used(NULL) >= 9 * MIB);
	CHECK(store_sqlite_memory() - heap_before < 1 * MIB);
	for (int i = 0; i < 3; i++)
		if (s[i])
			store_close(s[i]);
}

int main(void)
{
	char cmd[128];
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(refused_after_sqlite_started); /* first: the parent must not have started SQLite yet */
	RUN(pool_sized_by_workers);
	RUN(pages_cached_in_the_pool);
	RUN(full_pool_bounds_every_cache);
	rc = HARNESS_DONE("page_pool");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return rc;
}
