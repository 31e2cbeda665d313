import { URGENCY_RANK, type Urgency } from '../../../src/lib/domain';

export { NeighborlyDB, SCHEMA_V1, tokenize } from '../../../src/lib/db';
export const URGENCY_RANK_OF = (u: Urgency) => URGENCY_RANK[u];
