/**
 * The mobile-ok window's look, global but under `.mok`: the step components (./FormStep.tsx,
 * ./OtpStep.tsx, …) render the elements these rules style. Phone first: 44 px tap targets.
 */
export default function MobileOkStyles() {
  return (
    <>
      <style jsx global>{`
        .mok {
          width: 100%;
          padding: 24px 20px;
          background: #fff;
          border: 1px solid #e5e7eb;
          border-radius: 16px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.06);
        }
        .mok .brand {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          min-width: 44px;
          font-weight: 800;
          letter-spacing: 0.04em;
          color: #111827;
          text-decoration: none;
        }
        .mok h1 {
          font-size: 22px;
          margin: 4px 0 6px;
        }
        .mok h2 {
          font-size: 18px;
          margin: 8px 0;
        }
        .mok h2:focus {
          outline: none;
        }
        .mok .lead,
        .mok .hint {
          color: #4b5563;
          font-size: 14px;
        }
        .mok .status:empty {
          display: none;
        }
        .mok .status {
          color: #1d4ed8;
          font-size: 14px;
        }
        .mok .alert {
          padding: 10px 12px;
          border-radius: 8px;
          background: #fef2f2;
          color: #991b1b;
        }
        .mok .done {
          display: grid;
          gap: 8px;
          margin: 0 0 16px;
          padding: 12px 14px;
          border: 1px solid #a7f3d0;
          border-radius: 12px;
          background: #ecfdf5;
          color: #065f46;
        }
        .mok .done p {
          margin: 0;
        }
        .mok .notice {
          padding: 10px 12px;
          border-radius: 8px;
          background: #eff6ff;
          color: #1e3a8a;
        }
        .mok form {
          display: grid;
          gap: 12px;
        }
        .mok fieldset:not(.choice-group) {
          border: 0;
          margin: 0;
          padding: 0;
        }
        .mok legend:not(.choice-legend),
        .mok label:not(.field-label):not(.choice-option) {
          font-weight: 600;
          font-size: 14px;
        }
        .mok .services {
          display: grid;
          gap: 6px;
        }
        .mok .choice {
          display: flex;
          gap: 10px;
          align-items: center;
          min-height: 44px;
          padding: 10px 12px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          font-weight: 400;
          cursor: pointer;
        }
        .mok .choice.checked {
          border-color: #2563eb;
          background: #eff6ff;
        }
        .mok .choice span {
          display: grid;
        }
        .mok .choice small {
          color: #4b5563;
        }
        .mok .tiles {
          display: grid;
          grid-template-columns: repeat(4, 1fr);
          gap: 6px;
          padding-top: 6px;
        }
        .mok .tiles.three {
          grid-template-columns: repeat(3, 1fr);
        }
        .mok .tile {
          position: relative;
          display: flex;
          align-items: center;
          justify-content: center;
          min-height: 48px;
          padding: 4px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          text-align: center;
          cursor: pointer;
        }
        .mok .tile input {
          position: absolute;
          opacity: 0;
          width: 1px;
          height: 1px;
        }
        .mok .tile.checked {
          border: 2px solid #1d4ed8;
          background: #eff6ff;
          color: #1e3a8a;
          font-weight: 700;
        }
        .mok .tile:focus-within {
          outline: 3px solid #1d4ed8;
          outline-offset: 2px;
        }
        .mok .mvno {
          margin-top: 10px;
        }
        .mok .consents ul {
          list-style: none;
          margin: 0;
          padding: 0 0 0 8px;
        }
        .mok .consents li {
          display: flex;
          align-items: flex-start;
          justify-content: space-between;
          flex-wrap: wrap;
          gap: 0 8px;
        }
        .mok .consent {
          display: flex;
          align-items: center;
          gap: 8px;
          min-height: 44px;
          font-weight: 400;
        }
        .mok .consent.all {
          font-weight: 700;
          border-bottom: 1px solid #e5e7eb;
        }
        .mok .consent input {
          width: 20px;
          height: 20px;
          flex: none;
        }
        .mok .required {
          color: #1d4ed8;
          font-weight: 700;
        }
        .mok details {
          margin-left: auto;
        }
        .mok details[open] {
          flex-basis: 100%;
        }
        .mok summary {
          display: inline-flex;
          align-items: center;
          justify-content: center;
          min-height: 44px;
          min-width: 44px;
          color: #374151;
          text-decoration: underline;
          cursor: pointer;
        }
        .mok details p {
          margin: 0 0 8px;
          padding: 10px;
          border-radius: 8px;
          background: #f3f4f6;
          font-size: 13px;
        }
        .mok .birth {
          display: grid;
          grid-template-columns: 1fr 9em;
          gap: 12px;
          align-items: start;
        }
        .mok .digit {
          display: flex;
          align-items: center;
          gap: 6px;
          white-space: nowrap;
        }
        .mok .digit input {
          width: 3em;
          text-align: center;
        }
        .mok .code-field {
          position: relative;
          display: block;
        }
        .mok .code-field input {
          padding-right: 4.5em;
        }
        .mok .code-timer {
          position: absolute;
          right: 12px;
          top: 50%;
          transform: translateY(-50%);
          color: #b91c1c;
          font-variant-numeric: tabular-nums;
        }
        .mok .code-timer.over {
          color: #4b5563;
        }
        .mok .pair {
          display: grid;
          grid-template-columns: 1fr 1fr;
          gap: 12px;
        }
        .mok input:not([type='radio']):not([type='checkbox']),
        .mok select {
          width: 100%;
          box-sizing: border-box;
          padding: 10px 12px;
          min-height: 44px;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          font: inherit;
        }
        .mok input[aria-invalid='true'],
        .mok select[aria-invalid='true'] {
          border-color: #b91c1c;
        }
        .mok .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .mok .field-error:empty {
          display: none;
        }
        .mok .primary,
        .mok .button {
          display: block;
          width: 100%;
          box-sizing: border-box;
          padding: 12px;
          border: 0;
          border-radius: 10px;
          background: #2563eb;
          color: #fff;
          font: inherit;
          font-weight: 700;
          text-align: center;
          text-decoration: none;
          cursor: pointer;
        }
        .mok .primary:disabled {
          background: #93c5fd;
          cursor: default;
        }
        .mok .secondary {
          width: 100%;
          min-height: 44px;
          margin-top: 10px;
          padding: 10px;
          border: 1px solid #2563eb;
          border-radius: 10px;
          background: #fff;
          color: #1d4ed8;
          font: inherit;
          cursor: pointer;
        }
        .mok .secondary:disabled {
          border-color: #d1d5db;
          color: #9ca3af;
          cursor: default;
        }
        .mok .link {
          min-height: 44px;
          margin-top: 10px;
          border: 0;
          background: none;
          color: #4b5563;
          font: inherit;
          text-decoration: underline;
          cursor: pointer;
        }
        .mok .timer {
          color: #4b5563;
          font-variant-numeric: tabular-nums;
        }
        .mok .waiting {
          color: #1d4ed8;
        }
        .mok .ars-number {
          margin: 12px 0;
          font-size: 36px;
          font-weight: 800;
          letter-spacing: 0.3em;
          text-align: center;
        }
        .mok dl {
          display: grid;
          grid-template-columns: max-content 1fr;
          gap: 6px 16px;
        }
        .mok dt {
          color: #4b5563;
        }
        .mok dd {
          margin: 0;
          font-weight: 600;
        }
      `}</style>
    </>
  );
}
