/**
 * Form primitives of the verify flows: a labelled field with its hint and error, and a radio
 * group. Ids are the caller's (`id`), the hint and error are `<id>-hint` and `<id>-error`, so
 * the control can name them in `aria-describedby`.
 */
import type { ReactNode } from 'react';

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  /** The control's id (the label points at it). */
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} className="field-error">
        {error}
      </p>
      <style jsx>{`
        .field {
          display: grid;
          gap: 4px;
        }
        .field-hint {
          margin: 0;
          color: #4b5563;
          font-size: 13px;
        }
        .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .field-error:empty {
          display: none;
        }
      `}</style>
    </div>
  );
}

export function Choice({
  id,
  name,
  legend,
  value,
  options,
  error,
  onChange,
}: {
  /** The first option's id (what a "focus the first invalid field" jump lands on). */
  id: string;
  name: string;
  legend: string;
  value: string;
  options: [string, string][];
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <fieldset className="choice-group" aria-describedby={`${id}-error`}>
      <legend className="choice-legend">{legend}</legend>
      <div className="options">
        {options.map(([v, text], i) => (
          <label key={v} className="choice-option">
            <input
              type="radio"
              className="choice-input"
              id={i === 0 ? id : undefined}
              name={name}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            {text}
          </label>
        ))}
      </div>
      <p id={`${id}-error`} className="field-error">
        {error}
      </p>
      <style jsx>{`
        fieldset {
          border: 0;
          margin: 0;
          padding: 0;
        }
        legend {
          font-weight: 600;
          font-size: 14px;
        }
        .options {
          display: flex;
          gap: 14px;
          padding: 8px 0;
        }
        label {
          display: flex;
          gap: 6px;
          align-items: center;
          min-height: 44px;
        }
        .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .field-error:empty {
          display: none;
        }
      `}</style>
    </fieldset>
  );
}
