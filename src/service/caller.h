/* caller: who is making a request — the signed-in user, their organisation and roles. */
#ifndef ACCORD_CALLER_H
#define ACCORD_CALLER_H

#include "../domain/org.h"

struct caller {
	long long user_id;
	long long org_id;
	enum org_kind org_kind;
	role_mask roles;
	int web;	   /* signed in through the browser (cookie) rather than a bearer token */
	char csrf[48];	   /* the session's CSRF token (web sessions) */
	char email[USER_EMAIL_MAX + 1];
	char name[USER_NAME_MAX * 4 + 1];
	char org_name[ORG_NAME_MAX * 4 + 1];
	char feed_token[48];
};

#endif
