/**
 * A real SMTP server (the smtp-server package) on a free port of 127.0.0.1 for the tests that read what the
 * product mailed, and a small poll helper.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  /** X-Outbox-Id header: the outbox row. */
  outboxId: string;
  to: string;
  mail: ParsedMail;
}

/** A real SMTP server on a free port of 127.0.0.1; `refuse` answers 550 for those recipients, `busyOnce` 451 once. */
export async function startSmtp(options: { refuse?: string[]; busyOnce?: string[]; onMessage?: (count: number) => 'accept' | 'hold' } = {}) {
  const received: Received[] = [];
  const busy = new Set(options.busyOnce ?? []);
  let arrivals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) return callback(Object.assign(new Error('Hộp thư không tồn tại / No such mailbox'), { responseCode: 550 }));
      if (busy.delete(address.address)) return callback(Object.assign(new Error('Thử lại sau / Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        arrivals += 1;
        // 'hold': never answer (the sender is about to be killed): the message is not accepted.
        if (options.onMessage?.(arrivals) === 'hold') return;
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({ outboxId: String(mail.headers.get('x-outbox-id') ?? ''), to: session.envelope.rcptTo.map((r) => r.address).join(','), mail });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { server, port, received, arrivals: () => arrivals, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
