/* batch: group commit — write requests run one after another on one thread inside one transaction, and are answered after its single durable commit. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "pages.h"

/*
 * Why: with synchronous=FULL every SQLite commit waits for an fsync (about 0.5 ms on the
 * machines we measure on), and SQLite lets one connection write at a time, so one commit
 * per request caps writes near 2,000/s however many cores there are. Here the requests that
 * arrive while a commit is under way wait for the next one, which then carries them all.
 *
 * The rules:
 * - Each request is a job between a savepoint and its release (store_job_begin/end). A job
 *   whose answer is an error (4xx or 5xx) is undone alone; the others in the batch stand.
 * - No answer leaves before the commit that holds its writes; if that commit fails, every
 *   job of the batch answers 503 instead of what it had, since none of it was kept.
 * - Jobs see the writes of the jobs before them in the batch, as they would have after
 *   their commits; a job's own transaction (store_begin) joins the batch's.
 * - Routes that hash a password (R_SOLO) are not batched: Argon2id takes tens of
 *   milliseconds, which every job behind it would wait for.
 * - SQLite only: PostgreSQL commits concurrent transactions together on its own.
 *   ACCORD_GROUP_COMMIT=0 turns it off (each request then commits on its own thread).
 */

#define BATCH_MAX 128

struct job {
	struct request *rq;
	struct response *rs;
	bool done;
	struct job *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;	/* the writer: jobs arrived, or stop */
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER; /* the waiting requests: a batch ended */
static struct job *head, *tail;
static bool running, stopping;
static pthread_t writer;
static struct store *batch_store;

/*
 * Answers a job that was not kept, in place of what its handler wrote: 503 with the cause
 * when the store named one (storage_full, read_only, busy: see sq_fault in sqlite.c).
 */
static void job_unsaved(struct job *j, const struct error *why)
{
	struct response *rs = j->rs;
	bool named = why && why->status == 503 && why->code;

	for (int i = 0; i < rs->nheaders; i++)
		free(rs->headers[i].value);
	rs->nheaders = 0;
	buf_reset(&rs->body);
	if (j->rq->route->flags & R_PAGE) {
		char text[sizeof why->message + 32];

		/* "The database's disk is full; the change was not saved. Please try again later." */
		if (named)
			snprintf(text, sizeof text, "%c%s. Please try again later.", toupper((unsigned char)why->message[0]),
				 why->message + 1);
		else
			snprintf(text, sizeof text, "Your change could not be saved: the database is unavailable. Please try again.");
		page_error(j->rq, rs, 503, text);
	} else if (named) {
		reply_error(rs, 503, why->code, NULL, why->message);
	} else {
		reply_error(rs, 503, "unavailable", NULL, "the change could not be saved; try again shortly");
	}
}

static void batch_run(struct job *first)
{
	struct error err = {0};
	bool began = store_begin(batch_store, &err) == 0;

	for (struct job *j = first; j; j = j->next) {
		struct error job_err = {0};
		bool job = began && store_job_begin(batch_store, &job_err) == 0;

		j->rq->store = batch_store;
		if (job) {
			router_handle(j->rq, j->rs);
			store_job_end(batch_store, j->rs->status < 400);
		} else {
			job_unsaved(j, began ? &job_err : &err);
		}
	}
	if (began && store_commit(batch_store, &err) != 0) {
		fprintf(stderr, "accord: a group commit failed: %s\n", err.message);
		for (struct job *j = first; j; j = j->next)
			if (j->rs->status < 400)
				job_unsaved(j, &err);
	} else if (!began) {
		fprintf(stderr, "accord: a group commit could not begin: %s\n", err.message);
	}
}

static void *writer_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		struct job *first, *last;
		int n = 1;

		while (!head && !stopping)
			pthread_cond_wait(&wake, &lock);
		if (!head)
			break;
		/* Everything queued, up to BATCH_MAX, goes into this commit. */
		first = last = head;
		while (last->next && n < BATCH_MAX) {
			last = last->next;
			n++;
		}
		head = last->next;
		if (!head)
			tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&lock);
		batch_run(first);
		pthread_mutex_lock(&lock);
		for (struct job *j = first; j; j = j->next)
			j->done = true;
		pthread_cond_broadcast(&finished);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

bool batch_start(const char *db)
{
	const char *env = getenv("ACCORD_GROUP_COMMIT");
	struct error err = {0};

	if ((env && !strcmp(env, "0")) || strncmp(db, "postgres", 8) == 0)
		return false;
	batch_store = store_open(db, &err);
	if (!batch_store) {
		fprintf(stderr, "accord: group commit off: %s\n", err.message);
		return false;
	}
	stopping = false;
	if (pthread_create(&writer, NULL, writer_main, NULL) != 0) {
		store_close(batch_store);
		batch_store = NULL;
		return false;
	}
	running = true;
	return true;
}

void batch_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(writer, NULL);
	store_close(batch_store);
	batch_store = NULL;
	running = false;
}

bool batch_takes(const struct request *rq)
{
	return running && rq->method != M_GET && !(rq->route->flags & R_SOLO);
}

void batch_handle(struct request *rq, struct response *rs)
{
	struct job j = {rq, rs, false, NULL};

	pthread_mutex_lock(&lock);
	if (tail)
		tail->next = &j;
	else
		head = &j;
	tail = &j;
	pthread_cond_signal(&wake);
	while (!j.done)
		pthread_cond_wait(&finished, &lock);
	pthread_mutex_unlock(&lock);
}
