import { withObjectParticle } from '@mfv/ui/korean';
import { Icon } from '../components/Icon';

export interface SlotFallbackProps {
  /** What the slot would show, in the user's words ("알림", "공지사항"). */
  label: string;
  variant: 'inline' | 'block';
  /** Called by the "다시 시도" button; absent while a retry is already running. */
  onRetry?: () => void;
}

/** What a slot shows while its remote is unavailable: visible, styled, and honest about it. */
export function SlotFallback({ label, variant, onRetry }: SlotFallbackProps) {
  return (
    <div className={`slot-fallback ${variant}`} role="status" data-slot-fallback>
      <span className="icon">
        <Icon name="alert" size={16} />
      </span>
      <span className="text">
        {variant === 'block'
          ? `${withObjectParticle(label)} 잠시 불러올 수 없어요. 자동으로 다시 시도하고 있어요.`
          : `${withObjectParticle(label)} 잠시 불러올 수 없어요`}
      </span>
      <button type="button" onClick={onRetry} disabled={!onRetry}>
        다시 시도
      </button>
      <style jsx>{`
        .slot-fallback {
          display: inline-flex;
          align-items: center;
          gap: 8px;
          border: 1px dashed #f59e0b;
          background: #fffbeb;
          color: #92400e;
          border-radius: 8px;
          font-size: 13px;
        }
        .inline {
          padding: 0 0 0 8px;
        }
        .inline .text {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0, 0, 0, 0);
          white-space: nowrap;
        }
        .icon {
          display: inline-flex;
        }
        .block {
          display: flex;
          padding: 16px;
          font-size: 14px;
        }
        .block .text {
          flex: 1;
        }
        button {
          border: 1px solid #f59e0b;
          background: #fff;
          color: #92400e;
          border-radius: 6px;
          min-height: 44px;
          padding: 0 12px;
          font: inherit;
          cursor: pointer;
        }
        button:disabled {
          opacity: 0.5;
          cursor: default;
        }
      `}</style>
    </div>
  );
}

/**
 * Shown only while the browser fetches a remote that the server could render: a bare element
 * styled by SLOT_CSS (./slot-css.ts), in the document head of every page.
 */
export function SlotLoading({ variant }: { variant: 'inline' | 'block' }) {
  return <div className={`slot-loading ${variant}`} aria-busy="true" />;
}
