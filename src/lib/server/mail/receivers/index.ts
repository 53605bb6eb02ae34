/** Starts the mail-in receivers the configuration asks for (issue 14): the SMTP receiver and the IMAP poller. */
import { config } from '../../config';
import { log } from '../../log';
import { startSmtpReceiver, type SmtpReceiver } from './smtp';
import { startImapPoller, type ImapPoller } from './imap';

let smtp: SmtpReceiver | null = null;
let imap: ImapPoller | null = null;

let hooked = false;

/** Once per process: the SMTP receiver when INBOUND_SMTP_PORT is set, the IMAP poller when INBOUND_IMAP_URL is. */
export async function startReceivers(): Promise<{ smtpPort: number | null; imap: boolean }> {
	const c = config().inbound;
	if (!hooked) {
		hooked = true;
		// adapter-node emits this once the web server has closed (SIGTERM, SIGINT).
		process.once('sveltekit:shutdown' as 'beforeExit', () => void stopReceivers());
	}
	if (c.smtpPort != null && !smtp) {
		try {
			smtp = await startSmtpReceiver();
			log.info('inbound SMTP receiver listening', { host: smtp.host, port: smtp.port, domain: c.domain, starttls: smtp.tls });
		} catch (err) {
			log.error('inbound SMTP receiver could not start', { port: c.smtpPort, error: err instanceof Error ? err.message : String(err) });
		}
	}
	if (c.imapUrl && !imap) imap = startImapPoller({ url: c.imapUrl, doneFolder: c.imapDoneFolder });
	return { smtpPort: smtp?.port ?? null, imap: imap != null };
}

/** Stops them (tests, shutdown). */
export async function stopReceivers() {
	await smtp?.close();
	await imap?.stop();
	smtp = null;
	imap = null;
}
