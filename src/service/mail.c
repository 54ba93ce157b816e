/* mail: formats an RFC 5322 plain-text message and hands it to an SMTP server with libcurl. */
#include "mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define SUBJECT_CHUNK 39 /* bytes per encoded-word: 52 base64 chars, lines under 76 */

static pthread_once_t mail_once = PTHREAD_ONCE_INIT;
static int mail_ready;

static void mail_global_init(void)
{
	mail_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK && sodium_init() >= 0;
}

void mail_date(char out[MAIL_DATE_LEN], time_t t)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(out, MAIL_DATE_LEN, "Thu, 01 Jan 1970 00:00:00 +0000");
		return;
	}
	snprintf(out, MAIL_DATE_LEN, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
		 tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
}

void mail_message_id(char out[MAIL_MESSAGE_ID_LEN])
{
	unsigned char raw[16];
	char hex[sizeof raw * 2 + 1];

	pthread_once(&mail_once, mail_global_init);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	snprintf(out, MAIL_MESSAGE_ID_LEN, "<%s@accord>", hex);
}

static int has_crlf(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

/* Whether s can stand in a Subject line as it is. */
static int subject_is_plain(const char *s)
{
	const unsigned char *p;

	if (strstr(s, "=?") || strlen(s) > 900)
		return 0;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return 0;
	return 1;
}

/* Length of the next chunk of s (len bytes left) that ends on a UTF-8 boundary. */
static size_t subject_chunk(const unsigned char *s, size_t len)
{
	size_t n = len < SUBJECT_CHUNK ? len : SUBJECT_CHUNK;

	if (n == len)
		return n;
	while (n > 1 && (s[n] & 0xc0) == 0x80)
		n--;
	return n > 1 ? n : SUBJECT_CHUNK;
}

/* Appends subject as RFC 2047 B encoded-words, folded one per line. */
static void put_encoded_subject(struct buf *out, const char *subject)
{
	const unsigned char *s = (const unsigned char *)subject;
	size_t len = strlen(subject), n;
	char b64[sodium_base64_ENCODED_LEN(SUBJECT_CHUNK, sodium_base64_VARIANT_ORIGINAL)];

	if (!len)
		return;
	while (len) {
		n = subject_chunk(s, len);
		sodium_bin2base64(b64, sizeof b64, s, n, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "=?UTF-8?B?%s?=", b64);
		s += n;
		len -= n;
		if (len)
			buf_puts(out, "\r\n ");
	}
}

/* Appends body with every line ending turned into CRLF, ending in CRLF when not empty. */
static void put_body(struct buf *out, const char *body)
{
	const char *p = body;
	size_t n;

	while (*p) {
		n = strcspn(p, "\r\n");
		buf_add(out, p, n);
		p += n;
		if (!*p) {
			buf_puts(out, "\r\n");
			break;
		}
		if (p[0] == '\r' && p[1] == '\n')
			p++;
		p++;
		buf_puts(out, "\r\n");
	}
}

int mail_format(struct buf *out, const char *from, const char *to, const char *subject,
		const char *body, const char *date, const char *message_id)
{
	if (has_crlf(from) || has_crlf(to) || has_crlf(subject) || has_crlf(date) ||
	    has_crlf(message_id))
		return -1;
	buf_printf(out, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: ", date, from, to);
	if (subject_is_plain(subject))
		buf_puts(out, subject);
	else
		put_encoded_subject(out, subject);
	buf_printf(out,
		   "\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n"
		   "Content-Type: text/plain; charset=utf-8\r\n"
		   "Content-Transfer-Encoding: 8bit\r\n\r\n",
		   message_id);
	put_body(out, body);
	return out->overflow ? -1 : 0;
}

/* A bare address: 1 to 254 bytes, no control characters, spaces or angle brackets. */
static int check_address(const char *a, const char *field, struct error *err)
{
	const unsigned char *p = (const unsigned char *)a;

	if (!a || !*a) {
		error_set(err, 422, "invalid", field, "%s: an address is required", field);
		return -1;
	}
	if (strlen(a) > 254) {
		error_set(err, 422, "invalid", field, "%s: longer than 254 characters", field);
		return -1;
	}
	for (; *p; p++) {
		if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>') {
			error_set(err, 422, "invalid", field,
				  "%s: must be a bare address without spaces, control "
				  "characters or angle brackets",
				  field);
			return -1;
		}
	}
	return 0;
}

static int check_input(const char *smtp_url, const char *from, const char *to,
		       const char *subject, const char *body, struct error *err)
{
	if (!smtp_url || !*smtp_url || has_crlf(smtp_url)) {
		error_set(err, 422, "invalid", "smtp_url", "smtp_url: an smtp:// URL is required");
		return -1;
	}
	if (check_address(from, "from", err) || check_address(to, "to", err))
		return -1;
	if (!subject || has_crlf(subject)) {
		error_set(err, 422, "invalid", "subject",
			  "subject: must be one line without CR or LF");
		return -1;
	}
	if (!body) {
		error_set(err, 422, "invalid", "body", "body: is required");
		return -1;
	}
	return 0;
}

struct upload {
	const char *p;
	size_t left;
};

static size_t upload_read(char *dst, size_t size, size_t nmemb, void *userdata)
{
	struct upload *u = userdata;
	size_t n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* Copies s into out on one line: CR and LF become spaces. */
static void one_line(char *out, size_t cap, const char *s)
{
	size_t i;

	snprintf(out, cap, "%s", s);
	for (i = 0; out[i]; i++)
		if (out[i] == '\r' || out[i] == '\n')
			out[i] = ' ';
}

static void smtp_failed(CURL *c, CURLcode rc, const char *detail, struct error *err)
{
	const char *what = curl_easy_strerror(rc);
	char line[CURL_ERROR_SIZE];
	char reply[40] = "";
	long code = 0;

	int status;

	one_line(line, sizeof line, detail);
	if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code > 0)
		snprintf(reply, sizeof reply, " (server replied %ld)", code);
	/* 503: no server to talk to — not reached in time, or one that says it is closing (421); the next message would fare no better. */
	status = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY ||
				 rc == CURLE_OPERATION_TIMEDOUT || code == 421
			 ? 503
			 : 502;
	if (*line && strcmp(line, what) != 0)
		error_set(err, status, "smtp", NULL, "smtp: %s: %s%s", what, line, reply);
	else
		error_set(err, status, "smtp", NULL, "smtp: %s%s", what, reply);
}

/* Hands the formatted message to the server; 0 once accepted. */
static int smtp_deliver(const char *smtp_url, const char *from, const char *to,
			const struct buf *msg, struct error *err)
{
	struct upload up = {msg->data, msg->len};
	struct curl_slist *rcpt = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	char addr[512];
	CURLcode rc;
	CURL *c;

	c = curl_easy_init();
	snprintf(addr, sizeof addr, "<%s>", to);
	rcpt = c ? curl_slist_append(NULL, addr) : NULL;
	if (!rcpt) {
		if (c)
			curl_easy_cleanup(c);
		error_set(err, 502, "smtp", NULL, "smtp: cannot start libcurl");
		return -1;
	}
	snprintf(addr, sizeof addr, "<%s>", from);
	curl_easy_setopt(c, CURLOPT_URL, smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		smtp_failed(c, rc, errbuf, err);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

int mail_send(const char *smtp_url, const char *from, const char *to, const char *subject,
	      const char *body, struct error *err)
{
	char date[MAIL_DATE_LEN], id[MAIL_MESSAGE_ID_LEN];
	struct buf msg;
	int r;

	if (check_input(smtp_url, from, to, subject, body, err))
		return -1;
	pthread_once(&mail_once, mail_global_init);
	if (!mail_ready) {
		error_set(err, 502, "smtp", NULL, "smtp: libcurl or libsodium failed to start");
		return -1;
	}
	mail_date(date, time(NULL));
	mail_message_id(id);
	buf_init(&msg, 0);
	if (mail_format(&msg, from, to, subject, body, date, id)) {
		buf_release(&msg);
		error_set(err, 502, "smtp", NULL, "smtp: the message is too large to send");
		return -1;
	}
	r = smtp_deliver(smtp_url, from, to, &msg, err);
	buf_release(&msg);
	return r;
}
