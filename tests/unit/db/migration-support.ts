import { URGENCY_RANK, type Urgency } from '../../../src/lib/domain';

export { SCHEMA_V1, SCHEMA_V2, requestLocal, tokenize, useDatabase } from '../../../src/lib/db';
export const URGENCY_RANK_OF = (u: Urgency) => URGENCY_RANK[u];
