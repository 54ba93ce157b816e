/* mail: sending one plain-text e-mail over SMTP with libcurl. */
#ifndef ACCORD_MAIL_H
#define ACCORD_MAIL_H

#include <stddef.h>
#include <time.h>

#include "../domain/error.h"
#include "../util/buf.h"

#define MAIL_DATE_LEN 48       /* "Thu, 01 Jan 2026 09:05:00 +0000" plus NUL, with room */
#define MAIL_MESSAGE_ID_LEN 48 /* "<" 32 hex digits "@accord>" plus NUL */

/*
 * Sends body to one recipient through the SMTP server at smtp_url (smtp:// or
 * smtps://, e.g. "smtp://127.0.0.1:2525"). from and to are bare addresses
 * ("a@example.com"); subject and body are UTF-8. Returns 0 once the server has
 * accepted the message; -1 with err set: 422 "invalid" (field "smtp_url", "from",
 * "to" or "subject": empty, or a control character such as CR or LF in a header,
 * so nothing can be injected), 503 "smtp" (no server reached within the time
 * limits, or one that answered 421, closing: the next message would fare no
 * better) or 502 "smtp" (a server reply refused this message, or the exchange
 * failed); the message names curl's reason and the server's reply code if any.
 * Waits at most 10 s to connect and 30 s in all. Safe to call from any thread.
 */
int mail_send(const char *smtp_url, const char *from, const char *to, const char *subject,
	      const char *body, struct error *err);

/*
 * Appends the whole RFC 5322 message to out: Date, From, To, Subject (RFC 2047
 * B-encoded when it is not plain printable ASCII), Message-ID, MIME-Version,
 * Content-Type text/plain; charset=utf-8, Content-Transfer-Encoding 8bit, a blank
 * line, then body with every line ending in CRLF (bare LF and bare CR become CRLF).
 * date and message_id are written as given (see mail_date, mail_message_id).
 * Returns 0, or -1 when a header holds a CR or LF or out overflows.
 */
int mail_format(struct buf *out, const char *from, const char *to, const char *subject,
		const char *body, const char *date, const char *message_id);

/* Writes t as an RFC 5322 date in UTC into out[MAIL_DATE_LEN], locale-free. */
void mail_date(char out[MAIL_DATE_LEN], time_t t);

/* Writes a fresh random "<hex@accord>" into out[MAIL_MESSAGE_ID_LEN]. */
void mail_message_id(char out[MAIL_MESSAGE_ID_LEN]);

#endif
