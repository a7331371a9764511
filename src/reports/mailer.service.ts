import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transporter, createTransport } from 'nodemailer';
import { EnvironmentVariables } from '../config/configuration';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable across retries, so a mail client can tell a repeat from a new message. */
  messageId: string;
  attachment?: { filename: string; content: Buffer };
}

/** A failure the SMTP server says will not go away (5xx): not retried. */
export class PermanentMailError extends Error {}

/**
 * Sends through SMTP when SMTP_URL is set; otherwise writes each message as an .eml file in
 * DATA_DIR/outbox, so a first `npm start` needs no mail server.
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport: Transporter;
  private readonly outbox: string | null;
  private readonly from: string;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    const smtpUrl = config.get('SMTP_URL', { infer: true });
    this.from = config.get('MAIL_FROM', { infer: true });
    if (smtpUrl) {
      this.transport = createTransport(smtpUrl);
      this.outbox = null;
    } else {
      this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
      this.outbox = resolve(config.get('DATA_DIR', { infer: true }), 'outbox');
    }
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        attachments: mail.attachment
          ? [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]
          : [],
      });
      if (this.outbox) {
        await mkdir(this.outbox, { recursive: true });
        const name = `${mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9.@_-]/g, '_')}.eml`;
        await writeFile(join(this.outbox, name), (info as unknown as { message: Buffer }).message);
      }
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const message = error instanceof Error ? error.message : String(error);
      if (code !== undefined && code >= 500 && code < 600) throw new PermanentMailError(message);
      if ((error as { code?: string }).code === 'EENVELOPE') throw new PermanentMailError(message);
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
