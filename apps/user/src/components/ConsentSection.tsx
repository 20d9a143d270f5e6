import { consentItem, type ConsentState } from '@mfv/api-contract';
import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { formatKstDate } from '@mfv/ui/format';
import { useState } from 'react';

const client = createAppClient('/user');

/** "2026.12.06에 동의했어요" / "2026.12.06에 철회했어요" / "동의하지 않았어요". */
export function consentStatus(state: ConsentState): string {
  if (!state.recordedAt) return '동의하지 않았어요.';
  const day = formatKstDate(state.recordedAt);
  return state.agreed ? `${day}에 동의했어요.` : `${day}에 동의를 철회했어요.`;
}

/**
 * 내 정보's 선택 동의 row: each optional item's current answer and when it was given, 보기 for its
 * document, and a button to give or withdraw it (POST /user/api/consents, CSRF; the api records
 * the change with its time). `items` null: the api did not answer the server render.
 */
export function ConsentSection({ items }: { items: ConsentState[] | null }) {
  return (
    <section aria-labelledby="me-consents-title" data-testid="me-consents">
      <h2 id="me-consents-title">선택 동의</h2>
      {items === null ? (
        <p className="status">지금은 동의 내역을 불러오지 못했어요. 잠시 후 새로 고쳐 주세요.</p>
      ) : (
        <ul>
          {items.map((state) => (
            <ConsentRow key={state.item} initial={state} />
          ))}
        </ul>
      )}
      <style jsx>{`
        section {
          margin: 0 0 20px;
          padding: 14px 16px;
          border: 1px solid #e5e7eb;
          border-radius: 12px;
          background: #f9fafb;
        }
        h2 {
          margin: 0 0 6px;
          font-size: 15px;
          color: #374151;
        }
        ul {
          margin: 0;
          padding: 0;
          list-style: none;
        }
        .status {
          margin: 0;
          color: #4b5563;
          font-size: 14px;
        }
      `}</style>
    </section>
  );
}

function ConsentRow({ initial }: { initial: ConsentState }) {
  const item = consentItem(initial.item);
  const [state, setState] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'done'; text: string } | null>(null);

  async function change(agreed: boolean) {
    setBusy(true);
    setMessage(null);
    try {
      const next = await client.json<ConsentState>('/api/consents', {
        method: 'POST',
        body: { item: item.id, agreed, version: item.version },
      });
      setState(next);
      setMessage({
        tone: 'done',
        text: agreed ? `${item.name}에 동의했어요.` : `${item.name} 동의를 철회했어요.`,
      });
    } catch (e) {
      setMessage({
        tone: 'error',
        text: e instanceof ApiCallError ? e.message : '바꾸지 못했어요. 잠시 후 다시 시도해 주세요.',
      });
    } finally {
      setBusy(false);
    }
  }

  const labelId = `consent-${item.id}-name`;
  return (
    <li data-testid={`me-consent-${item.id}`}>
      <p className="name">
        <span id={labelId}>{item.name}</span>
        <a className="view" href={item.href} target="_blank" rel="noopener">
          보기<span className="sr-only"> ({item.name}, 새 창)</span>
        </a>
      </p>
      <p className="state" data-testid={`me-consent-${item.id}-state`}>
        {consentStatus(state)}
      </p>
      <button
        type="button"
        disabled={busy}
        aria-describedby={labelId}
        onClick={() => void change(!state.agreed)}
      >
        {busy ? '바꾸는 중…' : state.agreed ? '동의 철회하기' : '동의하기'}
      </button>
      <p
        className={message?.tone === 'error' ? 'message error' : 'message'}
        role={message?.tone === 'error' ? 'alert' : 'status'}
      >
        {message?.text}
      </p>
      <style jsx>{`
        li {
          display: grid;
          gap: 4px;
        }
        p {
          margin: 0;
        }
        .name {
          display: flex;
          align-items: center;
          justify-content: space-between;
          gap: 8px;
          font-weight: 700;
        }
        .view {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          min-width: 44px;
          padding: 0 8px;
          color: #374151;
          font-size: 14px;
          font-weight: 400;
        }
        .state {
          color: #4b5563;
          font-size: 14px;
        }
        button {
          justify-self: start;
          min-height: 44px;
          padding: 0 14px;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          background: #fff;
          color: #111827;
          font: inherit;
          cursor: pointer;
        }
        button:disabled {
          color: #6b7280;
          cursor: default;
        }
        .message {
          font-size: 14px;
          color: #047857;
        }
        .message.error {
          color: #b91c1c;
        }
      `}</style>
    </li>
  );
}
