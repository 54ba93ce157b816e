/* api_audit: the audit trail over JSON — who changed what, when, scoped to the caller's organisation (docs/audit.md). */
#include "../service/audit.h"
#include "api.h"

void api_audit_list(struct request *rq, struct response *rs)
{
	struct audit_filter f;
	struct error err = {0};
	struct page pg;

	if (!request_page(rq, rs, &pg))
		return;
	if (!audit_filter_parse(request_query(rq, "entity"), request_query(rq, "entity_id"), &f, &err)) {
		reply_err(rs, &err);
		return;
	}
	reply_json(rs, 200, audit_list_json(rq->store, &rq->caller, &f, pg));
}
