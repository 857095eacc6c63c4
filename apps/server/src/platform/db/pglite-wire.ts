/**
 * node-postgres on PGlite: the wire between them (issue 12).
 *
 * PGlite's own node-postgres adapter (`createPgConfig`) hands every protocol message to the engine on its own — a
 * parameterised query is Bind, Describe, Execute and Sync (and Parse the first time), each a separate entry into the
 * WebAssembly main loop with its own flush, ReadyForQuery check, file-system sync and promise hop — and encodes and
 * decodes the messages with its bundled copy of pg-protocol, whose private fields are WeakMap look-ups once transpiled:
 * about 8 % of a create's CPU went to encoding the Binds and decoding the answers (bench/profile.ts, BENCH_BACKEND=pglite).
 *
 * This connection keeps the messages of a pipeline and hands them to the engine together at Sync (or Flush), as
 * node-postgres writes them to a socket for a PostgreSQL server — one call per statement — and encodes and decodes them
 * once, with pg-protocol itself, the code node-postgres uses on a socket. The engine reads the messages in order exactly as a
 * server does (an error skips the rest up to Sync, which answers ReadyForQuery), so transactions, errors and types are
 * PGlite's own; only the hand-over changed. The rest is the adapter's behaviour (simple queries, COPY, end).
 */
import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';

type Message = { name: string };

export class PipelinedPgliteConnection extends EventEmitter {
  // The fields node-postgres reads on its connection (see pg/lib/client.js).
  _connecting = false;
  readonly stream = { destroy: () => this.end() };
  parsedStatements: Record<string, string> = {};
  submittedNamedStatements: Record<string, string> = {};
  /** Encoded messages not yet handed to the engine (the current pipeline). */
  private pending: Buffer[] = [];
  /** Hand-overs run one after the other, in the order node-postgres wrote them. */
  private chain: Promise<unknown>;
  private readonly parser = new Parser();
  /** node-postgres listens for every message only in some modes (copy, notices): relay them then. */
  private relayAll = false;

  constructor(private readonly lite: PGlite) {
    super();
    this.chain = lite.waitReady;
    this.on('newListener', (event) => { if (event === 'message') this.relayAll = true; });
  }

  async connect(): Promise<void> {
    this._connecting = true;
    await this.lite.waitReady;
    process.nextTick(() => this.emit('readyForQuery'));
  }

  // The engine is in this process: no TLS, start-up, password or cancel exchange.
  requestSsl(): void {}
  startup(): void {}
  cancel(): void {}
  password(): void {}
  ref(): void {}
  unref(): void {}

  /** Simple-query protocol: a complete exchange in one message. */
  query(text: string): void { this.send(serialize.query(text)); }
  parse(q: Parameters<typeof serialize.parse>[0]): void { this.pending.push(serialize.parse(q)); }
  bind(config: Parameters<typeof serialize.bind>[0]): void { this.pending.push(serialize.bind(config)); }
  describe(msg: Parameters<typeof serialize.describe>[0]): void { this.pending.push(serialize.describe(msg)); }
  execute(config: Parameters<typeof serialize.execute>[0]): void { this.pending.push(serialize.execute(config)); }
  close(msg: Parameters<typeof serialize.close>[0]): void { this.pending.push(serialize.close(msg)); }
  /** Flush (paged rows) and Sync end a pipeline: the engine gets everything written since the last one. */
  flush(): void { this.send(serialize.flush()); }
  sync(): void { this.send(serialize.sync()); }
  sendCopyFromChunk(chunk: Buffer): void { this.send(serialize.copyData(chunk)); }
  endCopyFrom(): void { this.send(serialize.copyDone()); }
  sendCopyFail(msg: string): void { this.send(serialize.copyFail(msg)); }

  end(): void {
    this.chain = this.chain.then(() => { this.emit('end'); });
    for (const event of this.eventNames()) if (event !== 'newListener') this.removeAllListeners(event);
    this.relayAll = false;
  }

  private send(last: Buffer): void {
    const parts = this.pending;
    parts.push(last);
    this.pending = [];
    const bytes = parts.length === 1 ? last : Buffer.concat(parts);
    this.chain = this.chain.then(() => this.exchange(bytes)).catch((err: unknown) => { this.emit('error', err); });
  }

  /**
   * One call into the engine; its answer is decoded once it has returned. `execProtocolRawStream` hands over the engine's
   * output as written (a view of WebAssembly memory, copied here) without decoding it — `execProtocolStream` and
   * `execProtocolRaw` run PGlite's own decoder over it too, for its LISTEN and error wrappers, which node-postgres does not use.
   */
  private async exchange(bytes: Buffer): Promise<void> {
    const out: Buffer[] = [];
    await this.lite.execProtocolRawStream(bytes, { onRawData: (chunk) => { out.push(Buffer.from(chunk)); } });
    for (const chunk of out) this.parser.parse(chunk, (m) => this.deliver(m));
  }

  private deliver(m: Message): void {
    if (this.relayAll) this.emit('message', m);
    this.emit(m.name === 'error' ? 'errorMessage' : m.name, m);
  }
}
