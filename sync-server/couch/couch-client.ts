import nano, { type ServerScope } from 'nano';
import { ConflictError, CouchRequestError, DatabaseUnavailableError, statusOf } from './errors';

/**
 * The only way the sync-server talks to its database: nano, with the same calls against
 * CouchDB 3 and the embedded PouchDB server. Every call has a timeout, and every failure is
 * mapped to one of three errors (unavailable, conflict, unexpected) so routes can answer 503.
 */
export interface CouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [key: string]: unknown;
}

export interface WriteResult {
  id: string;
  rev: string;
}

export interface BulkResult {
  id: string;
  rev?: string;
  error?: string;
  reason?: string;
}

export interface AllDocsOptions {
  startkey?: string;
  endkey?: string;
  keys?: string[];
  limit?: number;
}

export interface ChangesPage {
  results: Array<{ id: string; seq: string | number; deleted?: boolean; doc?: CouchDoc }>;
  last_seq: string | number;
  pending?: number;
}

interface RequestOptions {
  db?: string;
  doc?: string;
  path?: string;
  method?: 'get' | 'put' | 'post' | 'delete' | 'head';
  qs?: Record<string, unknown>;
  body?: unknown;
  timeoutMs?: number;
}

export interface CouchClientOptions {
  /** Current base URL; undefined while the (embedded) database is down. */
  url: () => string | undefined;
  timeoutMs?: number;
}

export class CouchClient {
  private server: ServerScope | undefined;
  private serverUrl: string | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly options: CouchClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private scope(): ServerScope {
    const url = this.options.url();
    if (!url) throw new DatabaseUnavailableError();
    if (!this.server || url !== this.serverUrl) {
      this.server = nano({ url });
      this.serverUrl = url;
    }
    return this.server;
  }

  async request<T>(options: RequestOptions): Promise<T> {
    const server = this.scope();
    const { timeoutMs, ...rest } = options;
    try {
      return (await server.request({
        ...rest,
        signal: AbortSignal.timeout(timeoutMs ?? this.timeoutMs),
      } as Parameters<ServerScope['request']>[0])) as T;
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined || status >= 500) throw new DatabaseUnavailableError(error);
      if (status === 409 || status === 412) throw new ConflictError();
      throw new CouchRequestError(status, error instanceof Error ? error.message : String(error));
    }
  }

  /** Server is reachable and answers like CouchDB. */
  async ping(): Promise<boolean> {
    try {
      const info = await this.request<Record<string, unknown>>({ path: '', timeoutMs: 3000 });
      return typeof info === 'object' && info !== null;
    } catch {
      return false;
    }
  }

  /** Creates the database if it does not exist yet (idempotent). */
  async ensureDatabase(db: string): Promise<void> {
    try {
      await this.request({ db, method: 'put' });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  async get<T extends CouchDoc>(db: string, id: string): Promise<T | undefined> {
    try {
      return await this.request<T>({ db, doc: id });
    } catch (error) {
      if (error instanceof CouchRequestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Writes one document; throws ConflictError when `_rev` is stale or the id is taken. */
  async put(db: string, doc: CouchDoc): Promise<WriteResult> {
    const result = await this.request<{ id: string; rev: string }>({
      db,
      doc: doc._id,
      method: 'put',
      body: doc,
    });
    return { id: result.id, rev: result.rev };
  }

  async bulk(db: string, docs: CouchDoc[]): Promise<BulkResult[]> {
    return this.request<BulkResult[]>({ db, path: '_bulk_docs', method: 'post', body: { docs } });
  }

  async allDocs<T extends CouchDoc>(db: string, options: AllDocsOptions): Promise<T[]> {
    const { keys, ...qs } = options;
    const result = await this.request<{ rows: Array<{ doc?: T | null }> }>(
      keys
        ? { db, path: '_all_docs', method: 'post', qs: { include_docs: true }, body: { keys } }
        : { db, path: '_all_docs', qs: { ...qs, include_docs: true } },
    );
    return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  async changes(
    db: string,
    options: { since: string | number; limit: number; includeDocs: boolean },
  ): Promise<ChangesPage> {
    return this.request<ChangesPage>({
      db,
      path: '_changes',
      qs: { since: options.since, limit: options.limit, include_docs: options.includeDocs },
      timeoutMs: 30_000,
    });
  }

  /** The database's current update sequence (opaque), or undefined if it does not exist. */
  async updateSeq(db: string): Promise<string | number | undefined> {
    try {
      const info = await this.request<{ update_seq: string | number }>({ db, timeoutMs: 5000 });
      return info.update_seq;
    } catch (error) {
      if (error instanceof CouchRequestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async view<T>(
    db: string,
    design: string,
    view: string,
    qs: Record<string, unknown>,
  ): Promise<Array<{ id: string; key: unknown; value: unknown; doc?: T }>> {
    // A view's first query after many writes builds its index: allow it more time.
    const result = await this.request<{
      rows: Array<{ id: string; key: unknown; value: unknown; doc?: T }>;
    }>({ db, path: `_design/${design}/_view/${view}`, qs, timeoutMs: 30_000 });
    return result.rows;
  }
}
