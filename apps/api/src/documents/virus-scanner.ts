import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import type { DocumentsConfig } from '@comity/config';

export type ScanVerdict = { readonly clean: true } | { readonly clean: false; readonly signature: string };

export class ScannerError extends Error {
  override readonly name = 'ScannerError';
}

/** clamd's INSTREAM takes chunks of at most this (its StreamMaxLength bounds the whole). */
const MAX_CHUNK = 1024 * 1024;
const REPLY_LIMIT = 4096;
/** clamd may think about one document for its MaxScanTime (infra/clamav: 10 min) before it answers. */
const IDLE_TIMEOUT_MS = 11 * 60_000;

/**
 * One scan through clamd's INSTREAM command (clamd(8)): the bytes are written to it as they are read
 * (a length-prefixed chunk each), then clamd answers `stream: OK` or `stream: <signature> FOUND`.
 * Nothing is written to disk on our side.
 */
export class ClamdScan {
  private readonly reply: Promise<string>;

  private constructor(private readonly socket: Socket) {
    this.reply = new Promise((resolve, reject) => {
      let text = '';
      socket.on('data', (data: Buffer) => {
        text += data.toString('utf8');
        if (text.includes('\0') || text.length > REPLY_LIMIT) resolve(text.replace(/\0[\s\S]*$/, '').trim());
      });
      socket.on('end', () => resolve(text.replace(/\0[\s\S]*$/, '').trim()));
      socket.on('error', (err) => reject(new ScannerError(`clamd: ${err.message}`)));
    });
    // clamd answers early (and closes) when a limit is passed: the writes below would then fail.
    this.reply.catch(() => undefined);
  }

  static async open(config: DocumentsConfig['scanner'], timeoutMs = IDLE_TIMEOUT_MS): Promise<ClamdScan> {
    const socket = connect({ host: config.host, port: config.port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    try {
      await once(socket, 'connect');
    } catch (err) {
      throw new ScannerError(`clamd at ${config.host}:${config.port} is not reachable: ${(err as Error).message}`);
    }
    socket.write('zINSTREAM\0');
    return new ClamdScan(socket);
  }

  /** Sends bytes to be scanned, waiting while clamd is behind. */
  async write(data: Buffer): Promise<void> {
    for (let at = 0; at < data.length; at += MAX_CHUNK) {
      const chunk = data.subarray(at, at + MAX_CHUNK);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(chunk.length);
      this.socket.write(length);
      if (!this.socket.write(chunk)) await Promise.race([once(this.socket, 'drain'), this.reply]);
    }
  }

  /** Ends the stream and reads clamd's verdict. */
  async verdict(): Promise<ScanVerdict> {
    this.socket.write(Buffer.alloc(4));
    const reply = await this.reply;
    this.socket.destroy();
    if (reply.endsWith(' OK')) return { clean: true };
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found) return { clean: false, signature: found[1]! };
    throw new ScannerError(`clamd did not scan the document: ${reply || 'no answer'}`);
  }

  abort(): void {
    this.socket.destroy();
  }
}
