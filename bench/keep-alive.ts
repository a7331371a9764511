import { Agent, request } from 'node:http';

/**
 * POSTs over a fixed number of kept-alive connections, as a sending system with a connection
 * pool does: `connections` senders, each sending its next body once its last was answered.
 * Bodies are serialised by the caller before the clock starts.
 */
export class KeepAliveSender {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(base: string, readonly connections: number) {
    this.url = new URL(base);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  /** Sends every body to `path`; `answer` sees each status and parsed answer (and may throw). */
  async sendAll(path: string, bodies: readonly Buffer[], headers: Record<string, string>, answer: (status: number, body: unknown, index: number) => void): Promise<void> {
    let next = 0;
    const sender = async () => {
      while (next < bodies.length) {
        const index = next++;
        const { status, text } = await this.post(path, bodies[index], headers);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new Error(`POST ${path}: ${status}, not JSON: ${text.slice(0, 300)}`);
        }
        answer(status, parsed, index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.connections, bodies.length) }, sender));
  }

  close(): void {
    this.agent.destroy();
  }

  private post(path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    return new Promise((resolvePost, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolvePost({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
