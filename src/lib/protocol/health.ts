import * as v from 'valibot';

/**
 * `GET /api/health` (outside the versioned API, so any client can ask): the server's
 * version and whether its database answered a real round trip. 503 with `degraded` when not.
 */
export const healthResponseSchema = v.strictObject({
  status: v.picklist(['ok', 'degraded']),
  version: v.string(),
  database: v.strictObject({
    kind: v.picklist(['embedded', 'couchdb']),
    ok: v.boolean(),
  }),
});
export type HealthResponse = v.InferOutput<typeof healthResponseSchema>;
