/* test_mail: the RFC 5322 message mail_format builds, header-injection refusal, and SMTP failures reported by mail_send. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../harness.h"
#include "service/mail.h"

#define DATE "Thu, 01 Jan 2026 00:00:00 +0000"
#define MSGID "<0123456789abcdef0123456789abcdef@accord>"

/* Formats a message with the fixed date and id; returns mail_format's result. */
static int format(struct buf *b, const char *from, const char *to, const char *subject,
		  const char *body)
{
	buf_init(b, 0);
	return mail_format(b, from, to, subject, body, DATE, MSGID);
}

/* Whether every LF in s is preceded by CR and every CR followed by LF. */
static int only_crlf(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			return 0;
		if (s[i] == '\r' && s[i + 1] != '\n')
			return 0;
	}
	return 1;
}

/* The text after the blank line that ends the headers, or NULL. */
static const char *body_of(const char *msg)
{
	const char *p = strstr(msg, "\r\n\r\n");
	return p ? p + 4 : NULL;
}

/* A loopback TCP port that nothing listens on (bound, then closed). */
static int unused_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd, port = 0;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return 0;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static void format_whole_message(void)
{
	struct buf b;

	CHECK_INT(format(&b, "reviews@accord.test", "cio@northwind.test", "Review due",
			 "Hello.\nSee you Monday.\n"),
		  0);
	CHECK_STR(b.data, "Date: " DATE "\r\n"
			  "From: reviews@accord.test\r\n"
			  "To: cio@northwind.test\r\n"
			  "Subject: Review due\r\n"
			  "Message-ID: " MSGID "\r\n"
			  "MIME-Version: 1.0\r\n"
			  "Content-Type: text/plain; charset=utf-8\r\n"
			  "Content-Transfer-Encoding: 8bit\r\n"
			  "\r\n"
			  "Hello.\r\nSee you Monday.\r\n");
	buf_release(&b);
}

static void format_line_endings(void)
{
	struct buf b;

	CHECK_INT(format(&b, "a@x", "b@y", "s", "one\ntwo\r\nthree\rfour\n\nfive"), 0);
	CHECK(only_crlf(b.data));
	CHECK_STR(body_of(b.data), "one\r\ntwo\r\nthree\r\nfour\r\n\r\nfive\r\n");
	buf_release(&b);

	CHECK_INT(format(&b, "a@x", "b@y", "s", ""), 0);
	CHECK_STR(body_of(b.data), "");
	buf_release(&b);

	CHECK_INT(format(&b, "a@x", "b@y", "s", "\n"), 0);
	CHECK_STR(body_of(b.data), "\r\n");
	buf_release(&b);

	/* A line of a single dot is left to libcurl, which dot-stuffs on the wire. */
	CHECK_INT(format(&b, "a@x", "b@y", "s", "a\n.\nb"), 0);
	CHECK_STR(body_of(b.data), "a\r\n.\r\nb\r\n");
	buf_release(&b);
}

static void format_utf8_subject(void)
{
	struct buf b;

	CHECK_INT(format(&b, "a@x", "b@y", "Review due \xe2\x80\x94 Northwind", "x"), 0);
	CHECK(strstr(b.data, "\r\nSubject: =?UTF-8?B?UmV2aWV3IGR1ZSDigJQgTm9ydGh3aW5k?=\r\n"));
	CHECK(only_crlf(b.data));
	buf_release(&b);

	/* Text that only looks like an encoded-word is encoded too. */
	CHECK_INT(format(&b, "a@x", "b@y", "=?x?=", "x"), 0);
	CHECK(strstr(b.data, "\r\nSubject: =?UTF-8?B?PT94Pz0=?=\r\n"));
	buf_release(&b);
}

/* Decodes the folded encoded-words of a Subject header back into out. */
static int decode_subject(const char *msg, char *out, size_t cap)
{
	const char *p = strstr(msg, "\r\nSubject: "), *end;
	size_t len = 0, got;

	if (!p)
		return -1;
	p += strlen("\r\nSubject: ");
	for (;;) {
		if (strncmp(p, "=?UTF-8?B?", 10) != 0)
			return -1;
		p += 10;
		end = strstr(p, "?=");
		if (!end || sodium_base642bin((unsigned char *)out + len, cap - len - 1, p,
					      (size_t)(end - p), NULL, &got, NULL,
					      sodium_base64_VARIANT_ORIGINAL))
			return -1;
		len += got;
		if (strncmp(end + 2, "\r\n ", 3) != 0)
			break;
		p = end + 5;
	}
	out[len] = '\0';
	return 0;
}

static void format_long_subject_folds(void)
{
	char subject[400], back[400];
	const char *line, *next;
	struct buf b;
	size_t i;

	/* 40 three-byte characters: no encoded-word may split one. */
	subject[0] = '\0';
	for (i = 0; i < 40; i++)
		strcat(subject, "\xe2\x80\x94");
	strcat(subject, " end");
	CHECK_INT(format(&b, "a@x", "b@y", subject, "x"), 0);
	CHECK_INT(decode_subject(b.data, back, sizeof back), 0);
	CHECK_STR(back, subject);
	for (line = b.data; (next = strstr(line, "\r\n")); line = next + 2)
		CHECK((size_t)(next - line) <= 76);
	CHECK(only_crlf(b.data));
	buf_release(&b);
}

static void format_refuses_crlf_headers(void)
{
	struct buf b;

	CHECK_INT(format(&b, "a@x\r\nBcc: c@z", "b@y", "s", "x"), -1);
	buf_release(&b);
	CHECK_INT(format(&b, "a@x", "b@y\nBcc: c@z", "s", "x"), -1);
	buf_release(&b);
	CHECK_INT(format(&b, "a@x", "b@y", "s\r\nBcc: c@z", "x"), -1);
	buf_release(&b);
	CHECK_INT(format(&b, "a@x", "b@y", "s\r", "x"), -1);
	buf_release(&b);
}

/* mail_send must refuse before any connection: the URL points at a closed port. */
static void send_refuses_injection(void)
{
	char url[64];
	struct error err;

	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", unused_port());
	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send(url, "a@x\r\nBcc: c@z", "b@y", "s", "x", &err), -1);
	CHECK_STR(err.code, "invalid");
	CHECK_STR(err.field, "from");
	CHECK_INT(err.status, 422);

	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send(url, "a@x", "b@y\nBcc: c@z", "s", "x", &err), -1);
	CHECK_STR(err.code, "invalid");
	CHECK_STR(err.field, "to");

	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send(url, "a@x", "b@y", "hi\r\nBcc: c@z", "x", &err), -1);
	CHECK_STR(err.code, "invalid");
	CHECK_STR(err.field, "subject");

	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send(url, "Eve <a@x>", "b@y", "s", "x", &err), -1);
	CHECK_STR(err.code, "invalid");
	CHECK_STR(err.field, "from");

	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send(url, "", "b@y", "s", "x", &err), -1);
	CHECK_STR(err.code, "invalid");

	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send("", "a@x", "b@y", "s", "x", &err), -1);
	CHECK_STR(err.field, "smtp_url");
}

static void send_unreachable(void)
{
	char url[64];
	struct error err;
	int port = unused_port();

	CHECK(port > 0);
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", port);
	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send(url, "a@x", "b@y", "s", "x", &err), -1);
	CHECK_STR(err.code, "smtp");
	CHECK_INT(err.status, 503);
	CHECK(strncmp(err.message, "smtp: ", 6) == 0);
	CHECK(strpbrk(err.message, "\r\n") == NULL);
	CHECK(strstr(err.message, "onnect") != NULL);
}

/* Only smtp:// and smtps:// are spoken: an upload to file:// writes nothing. */
static void send_only_smtp(void)
{
	char dir[] = "/tmp/test_mail.XXXXXX", url[128], path[64];
	struct error err;
	struct stat st;

	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof path, "%s/out", dir);
	snprintf(url, sizeof url, "file://%s", path);
	memset(&err, 0, sizeof err);
	CHECK_INT(mail_send(url, "a@x", "b@y", "s", "x", &err), -1);
	CHECK_STR(err.code, "smtp");
	CHECK(stat(path, &st) != 0);
	unlink(path);
	rmdir(dir);
}

static void date_format(void)
{
	char d[MAIL_DATE_LEN];

	mail_date(d, 0);
	CHECK_STR(d, "Thu, 01 Jan 1970 00:00:00 +0000");
	mail_date(d, 1767225600);
	CHECK_STR(d, "Thu, 01 Jan 2026 00:00:00 +0000");
	mail_date(d, 1772951045);
	CHECK_STR(d, "Sun, 08 Mar 2026 06:24:05 +0000");
}

static void message_ids(void)
{
	char a[MAIL_MESSAGE_ID_LEN], b[MAIL_MESSAGE_ID_LEN];
	size_t i;

	mail_message_id(a);
	mail_message_id(b);
	CHECK_INT(strlen(a), 1 + 32 + strlen("@accord>"));
	CHECK(a[0] == '<');
	CHECK(strcmp(a + 33, "@accord>") == 0);
	for (i = 1; i < 33; i++)
		CHECK(strchr("0123456789abcdef", a[i]) != NULL);
	CHECK(strcmp(a, b) != 0);
}

int main(void)
{
	RUN(format_whole_message);
	RUN(format_line_endings);
	RUN(format_utf8_subject);
	RUN(format_long_subject_folds);
	RUN(format_refuses_crlf_headers);
	RUN(send_refuses_injection);
	RUN(send_unreachable);
	RUN(send_only_smtp);
	RUN(date_format);
	RUN(message_ids);
	return HARNESS_DONE("mail");
}
