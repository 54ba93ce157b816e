/* remind: works out which reminders are due today and e-mails each to its people exactly once. */
#ifndef ACCORD_REMIND_H
#define ACCORD_REMIND_H

#include <stdbool.h>
#include <stdio.h>

#include "../store/store.h"

struct remind_options {
	const char *smtp_url;
	const char *from;     /* the sender's bare address */
	const char *base_url; /* links in the mails point here */
	bool dry_run;	      /* list what is due; send and record nothing */
	FILE *out;	      /* one line per reminder */
	bool no_digest;	      /* send no inbox digest (src/service/digest.c), only the reminders */
};

struct remind_result {
	int due;     /* reminders due and not yet sent */
	int sent;
	int failed;  /* the SMTP server refused or could not be reached; tried again next run */
	char why[240]; /* the first failure's reason, as mail_send gave it ("" when none failed) */
};

/*
 * Each reminder (kind, review or action, person) is claimed in the store before it is
 * sent, marked sent after, and released if sending failed, so no run, and no two runs at
 * once, ever send it twice. A run that dies between claiming and sending loses that one
 * reminder rather than risk sending it twice.
 */
int remind_run(struct store *s, const struct remind_options *o, struct remind_result *r,
	       struct error *err);

#endif
