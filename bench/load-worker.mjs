// A second process that loads the sync-server with autocannon (so the load generator does
// not share the event loop it measures). Usage: node bench/load-worker.mjs '<json config>'
// → prints one JSON line with autocannon's result. Config: { url, cookie, mode: 'push' |
// 'pull', connections, duration, overallRate?, groupId, userId, perPush }.
import autocannon from 'autocannon';
import { monotonicFactory } from 'ulid';
import { makeRequests } from './lib/records.mjs';

const config = JSON.parse(process.argv[2]);
const nextId = monotonicFactory();
let counter = 0;

/** `perPush` create mutations of new requests by the group's coordinator. */
export function pushBody({ groupId, userId, perPush }, seed) {
  const at = new Date().toISOString();
  const mutations = makeRequests({ groupId, count: perPush, people: [userId], seed }).map((r) => {
    const id = nextId();
    const record = {
      ...r,
      id,
      createdAt: at,
      updatedAt: at,
      status: 'open',
      requesterId: userId,
      onBehalfOf: null,
      assigneeId: null,
    };
    return { mid: `load-${id}`, op: 'create', type: 'request', id, groupId, at, record };
  });
  return JSON.stringify({ mutations });
}

const headers = {
  cookie: config.cookie,
  'content-type': 'application/json',
  'accept-encoding': 'br, gzip',
};
const request =
  config.mode === 'push'
    ? {
        method: 'POST',
        path: '/api/v1/sync/push',
        setupRequest: (req) => ({ ...req, body: pushBody(config, 10_000 + counter++) }),
      }
    : { method: 'GET', path: `/api/v1/sync/pull?limit=${config.pullLimit ?? 1000}` };

const result = await autocannon({
  url: config.url,
  connections: config.connections,
  ...(config.amount ? { amount: config.amount } : { duration: config.duration }),
  headers,
  requests: [request],
  ...(config.overallRate ? { overallRate: config.overallRate } : {}),
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests,
    latency: result.latency,
    throughput: result.throughput,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodeStats: result.statusCodeStats,
    duration: result.duration,
  }) + '\n',
);
