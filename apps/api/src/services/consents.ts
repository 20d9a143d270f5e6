import {
  CONSENT_ITEMS,
  consentItem,
  consentProblem,
  type ConsentGiven,
  type ConsentItemId,
  type ConsentState,
  type MyConsentsResponse,
} from '@mfv/api-contract';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';

interface LatestRow {
  item: string;
  required: boolean;
  version: string;
  agreed: boolean;
  recorded_at: Date;
}

/**
 * A member's consents (the `consent_records` table, migration 010): what they agreed to at signup
 * and every later change to an optional item, each with the document version and the time.
 */
export class Consents {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Refuses a signup's consents without every required item, or for an outdated document. */
  check(given: readonly ConsentGiven[]): void {
    const problem = consentProblem(given);
    if (problem) throw new ApiError(problem.code, problem.message);
  }

  /** Records a new member's answers (inside the signup's transaction). */
  async recordSignup(
    tx: Queryable,
    userId: string,
    given: readonly ConsentGiven[],
    now: Date,
  ): Promise<void> {
    for (const c of given) {
      await tx.query(
        `INSERT INTO consent_records (user_id, item, required, version, agreed, recorded_at)
         VALUES ($1, $2, $3, $4, true, $5)`,
        [userId, c.item, consentItem(c.item).required, c.version, now],
      );
    }
  }

  /** Every item with the member's latest answer (never answered: not agreed). */
  async mine(userId: string, db: Queryable = this.db): Promise<MyConsentsResponse> {
    const rows = (
      await db.query<LatestRow>(
        `SELECT DISTINCT ON (item) item, required, version, agreed, recorded_at
           FROM consent_records WHERE user_id = $1
          ORDER BY item, recorded_at DESC, id DESC`,
        [userId],
      )
    ).rows;
    return {
      items: CONSENT_ITEMS.map((item): ConsentState => {
        const row = rows.find((r) => r.item === item.id);
        if (!row) return { item: item.id, required: item.required, agreed: false };
        return {
          item: item.id,
          required: item.required,
          agreed: row.agreed,
          version: row.version,
          recordedAt: row.recorded_at.toISOString(),
        };
      }),
    };
  }

  /** Gives or withdraws an optional item; the change is a new row with its time. */
  async change(userId: string, id: ConsentItemId, agreed: boolean, version: string): Promise<ConsentState> {
    const item = consentItem(id);
    if (item.required) {
      throw new ApiError(
        'CONSENT_NOT_OPTIONAL',
        '필수 항목은 따로 철회할 수 없어요. 탈퇴를 원하면 고객센터로 알려 주세요.',
      );
    }
    if (version !== item.version) {
      throw new ApiError(
        'CONSENT_OUTDATED',
        '안내 내용이 바뀌었어요. 페이지를 새로 고친 뒤 다시 선택해 주세요.',
      );
    }
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const member = await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      if (member.rows.length === 0) throw new ApiError('USER_NOT_FOUND', 'user not found');
      await tx.query(
        `INSERT INTO consent_records (user_id, item, required, version, agreed, recorded_at)
         VALUES ($1, $2, false, $3, $4, $5)`,
        [userId, id, version, agreed, now],
      );
      const state = (await this.mine(userId, tx)).items.find((s) => s.item === id);
      return state as ConsentState;
    });
  }
}
