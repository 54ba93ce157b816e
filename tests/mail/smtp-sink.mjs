// smtp-sink: a loopback SMTP server for tests that records every message it accepts into a folder.
//
// Usage: node tests/mail/smtp-sink.mjs DIR
// Listens on 127.0.0.1 on a free port and prints "PORT <n>" as its first line once
// listening. Each accepted message is written raw to DIR/<seq>.eml (seq = 1, 2, ...)
// and then described by one JSON line appended to DIR/messages.jsonl:
//   {"from": envelope MAIL FROM, "to": [RCPT TO addresses], "subject": decoded, "text": decoded body}
// The server answers 250 only after both are written, so a client that saw its message
// accepted can read it at once. No TLS, AUTH optional (any credentials pass).
// Exits on SIGTERM or SIGINT, and by itself after 600 seconds at the latest.
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const LIFETIME_MS = 600 * 1000;
const MAX_MESSAGE = 10 * 1024 * 1024;

const dir = process.argv[2];
if (!dir || process.argv.length > 3) {
	process.stderr.write('usage: node tests/mail/smtp-sink.mjs DIR\n');
	process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });

let seq = 0;
let queue = Promise.resolve();

// Writes one message and its JSON line; runs one at a time so lines keep arrival order.
async function record(raw, envelope) {
	const n = ++seq;
	const parsed = await simpleParser(raw);
	fs.writeFileSync(path.join(dir, `${n}.eml`), raw);
	const line = {
		from: envelope.mailFrom ? envelope.mailFrom.address : '',
		to: envelope.rcptTo.map((r) => r.address),
		subject: parsed.subject ?? '',
		text: parsed.text ?? '',
	};
	fs.appendFileSync(path.join(dir, 'messages.jsonl'), JSON.stringify(line) + '\n');
}

function onData(stream, session, callback) {
	const chunks = [];
	stream.on('data', (c) => chunks.push(c));
	stream.on('error', (err) => callback(err));
	stream.on('end', () => {
		if (stream.sizeExceeded) {
			const err = new Error('message too large');
			err.responseCode = 552;
			return callback(err);
		}
		const raw = Buffer.concat(chunks);
		const envelope = session.envelope;
		queue = queue
			.then(() => record(raw, envelope))
			.then(() => callback(), (err) => {
				process.stderr.write(`smtp-sink: cannot record message: ${err.message}\n`);
				callback(err);
			});
	});
}

const server = new SMTPServer({
	secure: false,
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	size: MAX_MESSAGE,
	logger: false,
	onAuth: (auth, session, callback) => callback(null, { user: auth.username || 'test' }),
	onData,
});

server.on('error', (err) => process.stderr.write(`smtp-sink: ${err.message}\n`));

function stop(code) {
	server.close(() => process.exit(code));
	setTimeout(() => process.exit(code), 1000).unref();
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
setTimeout(() => {
	process.stderr.write('smtp-sink: 600 seconds passed; exiting\n');
	stop(0);
}, LIFETIME_MS);

server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`PORT ${server.server.address().port}\n`);
});
