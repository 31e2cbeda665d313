// Minimal typings for the untyped CommonJS packages the embedded database child uses.
declare module 'express' {
  import type { RequestListener } from 'node:http';
  interface ExpressApp extends RequestListener {
    use(handler: RequestListener): void;
    disable(setting: string): void;
  }
  function express(): ExpressApp;
  export default express;
}

declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';
  function expressPouchDB(
    pouch: unknown,
    options: {
      mode?: 'minimumForPouchDB' | 'fullCouchDB';
      overrideMode?: { include?: string[]; exclude?: string[] };
      inMemoryConfig?: boolean;
      logPath?: string;
    },
  ): RequestListener;
  export default expressPouchDB;
}

declare module 'pouchdb-core' {
  interface PouchStatic {
    plugin(plugin: unknown): PouchStatic;
    defaults(options: Record<string, unknown>): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-find' {
  const plugin: unknown;
  export default plugin;
}
