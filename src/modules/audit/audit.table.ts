export interface AuditLogTable {
  /** Position in the chain: 1, 2, 3... assigned under a lock, so a gap means a removal. */
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_token_id: number | null;
  actor_org_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  /** JSON: { field: [before, after] }. */
  diff: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}
