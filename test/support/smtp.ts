import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback, in the test process: it records every message it accepted,
 * and can refuse a recipient or a message (temporarily or for good) to test retries.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Decides, per recipient, whether to refuse it: null accepts; a code 4xx/5xx refuses. */
  refuseRecipient: (address: string) => { code: number; message: string } | null = () => null;
  /** Decides, per message, whether to refuse its data (after the recipients were accepted). */
  refuseMessage: (to: string[]) => { code: number; message: string } | null = () => null;
  private server: SMTPServer;
  port = 0;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refuseRecipient(address.address);
        if (!refusal) return callback();
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
      },
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          const refusal = this.refuseMessage(to);
          if (refusal) {
            const error = new Error(refusal.message) as Error & { responseCode: number };
            error.responseCode = refusal.code;
            return callback(error);
          }
          const raw = Buffer.concat(chunks);
          this.received.push({ to, raw, parsed: await simpleParser(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
