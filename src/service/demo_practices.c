/* demo_practices: the demo's practice exchange — practices found at one customer and adopted by another, one held back by the leak check until edited, one to present at the summit, one awaiting the customer's approval and a draft. */
#include "demo.h"

#include <string.h>

#include "adoptions.h"
#include "auth.h"
#include "practices.h"

static long long practice(struct store *s, const struct caller *c, long long origin, const char *title,
			  const char *body, const char *tag1, const char *tag2, struct error *err)
{
	const char *tags[2] = {tag1, tag2};
	struct practice_input in = {title, body, NULL, tags, 2, true, origin};

	return practice_create(s, c, &in, err);
}

int demo_practices(struct store *s, const long long *eng, long long *summit_practice, struct error *err)
{
	static const char *const nw_terms[] = {"Project Bluebird", "Northwind", "Canary Wharf data centre"};
	struct caller ke, hb, md_cm, nw_cm;
	struct benefit benefit = {"Release-related incidents fell from 13 to 8 a quarter", "% fewer incidents", "38"};
	struct practice_input fix = {0};
	long long trains, tills, recon, triage, a;
	json_t *findings = NULL;

	if (demo_who(s, "anil.mehta@kestrel.example", &ke, err) || demo_who(s, "claire.dubois@harbor.example", &hb, err) ||
	    demo_who(s, "jonas.berg@meridian.example", &md_cm, err) || demo_who(s, "tom.okafor@northwind.example", &nw_cm, err))
		return -1;
	if (terms_put(s, nw_cm.org_id, nw_terms, 3, err))
		return -1;

	/* Found on Northwind's core banking (eng[0]), adopted at Meridian's store systems (eng[3]). */
	if ((trains = practice(s, &ke, eng[0], "Release trains for regulated core systems",
			       "Bundle changes into a fixed **monthly release train** with a published calendar.\n\n"
			       "- freeze scope ten working days before the train leaves;\n"
			       "- rehearse every release on a production-like copy;\n"
			       "- let urgent fixes ride a weekly *hotfix car* with its own approval.\n\n"
			       "Business owners can plan around the calendar, and the change board reviews one bundle instead of forty tickets.",
			       "release management", "change control", err)) < 0 ||
	    practice_publish(s, &ke, trains, false, NULL, err) != PUBLISHED)
		return -1;
	if ((a = adoption_create(s, &md_cm, trains, eng[3], "Our store releases collide with trading peaks.", err)) < 0 ||
	    adoption_step(s, &ke, a, "implementing", NULL, "First train planned after the January sale.", err) ||
	    adoption_step(s, &md_cm, a, "implemented", &benefit, NULL, err))
		return -1;

	/* Found on Meridian's store systems, offered to Northwind's digital channels (eng[5]). */
	if ((tills = practice(s, &ke, eng[3], "Blue-green rollouts for branch and store devices",
			      "Keep two device images live and switch sites between them in waves of five.\n"
			      "A failed wave rolls back by switching the image, not by reinstalling.",
			      "deployment", "end-user computing", err)) < 0 ||
	    practice_publish(s, &ke, tills, false, NULL, err) != PUBLISHED ||
	    adoption_create(s, &nw_cm, tills, eng[5], "Worth trying for the branch tablets.", err) < 0)
		return -1;

	/* Held back: the first text names Northwind's project and people, the second does not. */
	if ((recon = practice(s, &ke, eng[0], "Nightly reconciliation with Project Bluebird",
			      "Raj Iyer's team at Northwind asked for a nightly reconciliation of ledger and payments.\n"
			      "We automated it with a three-way match and an exceptions queue.",
			      "reconciliation", "automation", err)) < 0)
		return -1;
	if (practice_publish(s, &ke, recon, false, &findings, err) != PUBLISH_FAILED || json_array_size(findings) == 0) {
		json_decref(findings);
		error_set(err, 500, "internal", NULL, "demo: the leak check let a named customer through");
		return -1;
	}
	json_decref(findings);
	memset(err, 0, sizeof *err);
	fix.title = "Nightly three-way reconciliation of ledger and payments";
	fix.body = "A bank's finance team asked for a nightly reconciliation of ledger and payments.\n"
		   "We automated it with a **three-way match** (ledger, payment hub, bank statement) and an exceptions queue "
		   "that the business clears each morning. Breaks older than two days go to the monthly review.";
	if (practice_revise(s, &ke, recon, &fix, err) < 0 || practice_publish(s, &ke, recon, false, NULL, err) != PUBLISHED)
		return -1;

	/* Harbor's, found at Meridian's contact centre (eng[4]), presented at Northwind's planning summit. */
	if ((triage = practice(s, &hb, eng[4], "Dispute triage that halves cycle time",
			       "Sort incoming disputes by evidence completeness, not by arrival.\n"
			       "Complete cases go to a fast lane with a two-day target; incomplete ones get one request for all missing evidence.",
			       "disputes", "back office", err)) < 0 ||
	    practice_publish(s, &hb, triage, false, NULL, err) != PUBLISHED)
		return -1;
	*summit_practice = triage;

	/* Waiting in Northwind's contract manager's inbox: Kestrel asks before it publishes a practice from core banking. */
	if ((a = practice(s, &ke, eng[0], "Month-end batch capacity planning",
			  "At Northwind's Canary Wharf data centre we forecast the month-end batch window from the previous three closes and the calendar of business events.\n\n"
			  "- book spare capacity two weeks ahead;\n"
			  "- move non-critical jobs out of the window;\n"
			  "- review the forecast against the actual run the morning after.",
			  "capacity", "batch operations", err)) < 0 ||
	    practice_publish(s, &ke, a, true, NULL, err) != AWAITING_APPROVAL)
		return -1;
	/* A draft Kestrel has not published yet. */
	if (practice(s, &ke, eng[3], "Store opening checklists run by the service desk",
		     "A twenty-point checklist the service desk runs with each store before it opens.", "end-user computing",
		     "service desk", err) < 0)
		return -1;
	return 0;
}
