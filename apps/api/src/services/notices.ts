import type { Notice } from '@mfv/api-contract';
import type { Clock } from '../clock.js';
import type { Db } from '../db/types.js';
import { ApiError } from '../errors.js';

interface NoticeRow {
  id: string;
  title: string;
  body: string;
  published_at: Date;
  read: boolean;
}

/** Notices for the notice remote: newest first, per-member read state. Scheduled (future) notices stay hidden. */
export class Notices {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(userId: string, limit: number): Promise<Notice[]> {
    const res = await this.db.query<NoticeRow>(
      `SELECT n.id, n.title, n.body, n.published_at, (r.notice_id IS NOT NULL) AS read
         FROM notices n
         LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = $1
        WHERE n.published_at <= $2
        ORDER BY n.published_at DESC, n.id DESC
        LIMIT $3`,
      [userId, this.clock.now(), limit],
    );
    return res.rows.map(toNotice);
  }

  /** One published notice with the member's read state, or NOTICE_NOT_FOUND. */
  async get(userId: string, noticeId: string): Promise<Notice> {
    const res = await this.db.query<NoticeRow>(
      `SELECT n.id, n.title, n.body, n.published_at, (r.notice_id IS NOT NULL) AS read
         FROM notices n
         LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = $1
        WHERE n.id = $2 AND n.published_at <= $3`,
      [userId, noticeId, this.clock.now()],
    );
    const row = res.rows[0];
    if (!row) throw new ApiError('NOTICE_NOT_FOUND', 'notice not found');
    return toNotice(row);
  }

  /** Every published notice read for the member, in one statement; answers how many were unread. */
  async markAllRead(userId: string): Promise<number> {
    const now = this.clock.now();
    const res = await this.db.query(
      `INSERT INTO notice_reads (user_id, notice_id, read_at)
       SELECT $1, n.id, $2 FROM notices n WHERE n.published_at <= $2
       ON CONFLICT (user_id, notice_id) DO NOTHING
       RETURNING notice_id`,
      [userId, now],
    );
    return res.rows.length;
  }

  async unreadCount(userId: string): Promise<number> {
    const res = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count
         FROM notices n
        WHERE n.published_at <= $2
          AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = $1)`,
      [userId, this.clock.now()],
    );
    return res.rows[0]?.count ?? 0;
  }

  /** Idempotent: marking a read notice again changes nothing. */
  async markRead(userId: string, noticeId: string): Promise<void> {
    const now = this.clock.now();
    const res = await this.db.query(
      `INSERT INTO notice_reads (user_id, notice_id, read_at)
       SELECT $1, n.id, $3 FROM notices n WHERE n.id = $2 AND n.published_at <= $3
       ON CONFLICT (user_id, notice_id) DO NOTHING
       RETURNING notice_id`,
      [userId, noticeId, now],
    );
    if (res.rows.length > 0) return;
    const exists = await this.db.query('SELECT 1 FROM notices WHERE id = $1 AND published_at <= $2', [
      noticeId,
      now,
    ]);
    if (exists.rows.length === 0) throw new ApiError('NOTICE_NOT_FOUND', 'notice not found');
  }
}

function toNotice(r: NoticeRow): Notice {
  return { id: r.id, title: r.title, body: r.body, publishedAt: r.published_at.toISOString(), read: r.read };
}
