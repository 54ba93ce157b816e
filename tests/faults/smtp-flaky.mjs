// smtp-flaky: a loopback SMTP server that fails on purpose, for the fault tests of "accord remind".
//
// Usage: node tests/faults/smtp-flaky.mjs MODE FILE [K]
//   refuse    greets every connection with "421 service not available" and hangs up
//   silent    accepts connections and never says a word (a black hole behind a firewall)
//   accept K  takes the first K messages (one "to<TAB>subject" line each, appended to FILE after the
//             message is taken, before the 250), then greets every later connection with 421
// Listens on 127.0.0.1 on a free port and prints "PORT <n>" once listening. Exits on SIGTERM or SIGINT,
// and by itself after 600 seconds at the latest. Needs nothing beyond Node.
import fs from 'node:fs';
import net from 'node:net';

const [mode, file, k] = process.argv.slice(2);
if (!['refuse', 'silent', 'accept'].includes(mode) || !file || (mode === 'accept' && !/^\d+$/.test(k ?? ''))) {
	process.stderr.write('usage: node tests/faults/smtp-flaky.mjs refuse|silent|accept FILE [K]\n');
	process.exit(2);
}
let taken = 0;
const sockets = new Set();

function refuse(sock) {
	sock.end('421 4.3.2 service not available\r\n');
}

function converse(sock) {
	let buf = '';
	let data = null; // the message's lines while in DATA
	let rcpt = [];
	const say = (line) => sock.write(line + '\r\n');
	say('220 smtp-flaky ready');
	sock.on('data', (chunk) => {
		buf += chunk.toString('latin1');
		let nl;
		while ((nl = buf.indexOf('\r\n')) >= 0) {
			const line = buf.slice(0, nl);
			buf = buf.slice(nl + 2);
			if (data) {
				if (line !== '.') {
					data.push(line);
					continue;
				}
				const subject = (data.find((l) => /^subject:/i.test(l)) ?? '').replace(/^subject:\s*/i, '');
				if (taken >= Number(k)) {
					say('421 4.3.2 going away');
					sock.end();
					return;
				}
				taken++;
				fs.appendFileSync(file, rcpt.join(',') + '\t' + subject + '\n');
				data = null;
				rcpt = [];
				say('250 2.0.0 taken');
				continue;
			}
			const verb = line.slice(0, 4).toUpperCase();
			if (verb === 'EHLO' || verb === 'HELO') say('250 smtp-flaky');
			else if (verb === 'MAIL') say('250 2.1.0 ok');
			else if (verb === 'RCPT') {
				rcpt.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
				say('250 2.1.5 ok');
			} else if (verb === 'DATA') {
				data = [];
				say('354 go on');
			} else if (verb === 'QUIT') {
				say('221 2.0.0 bye');
				sock.end();
			} else if (verb === 'RSET' || verb === 'NOOP') say('250 ok');
			else say('502 5.5.2 not implemented');
		}
	});
}

const server = net.createServer((sock) => {
	sockets.add(sock);
	sock.on('close', () => sockets.delete(sock));
	sock.on('error', () => {});
	if (mode === 'refuse' || (mode === 'accept' && taken >= Number(k))) refuse(sock);
	else if (mode === 'accept') converse(sock);
	// silent: say nothing, keep the connection open
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
const quit = () => {
	for (const s of sockets) s.destroy();
	server.close();
	process.exit(0);
};
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
setTimeout(quit, 600 * 1000).unref();
