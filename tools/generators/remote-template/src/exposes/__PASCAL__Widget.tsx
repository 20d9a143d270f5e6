import { useState } from 'react';

/** Exposed to the shell as `__NAME__/__PASCAL__Widget`. Replace with the remote's real component. */
export default function __PASCAL__Widget() {
  const [count, setCount] = useState(0);
  return (
    <section className="widget" data-slot-component="__NAME__/__PASCAL__Widget">
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        __NAME__ ({count})
      </button>
      <style jsx>{`
        .widget {
          padding: 12px;
          border: 1px solid #d0d7de;
          border-radius: 8px;
        }
      `}</style>
    </section>
  );
}
