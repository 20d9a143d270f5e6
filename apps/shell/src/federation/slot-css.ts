/**
 * The CSS of every slot's frame and loading placeholder, once per page in the document head
 * (pages/_document.tsx) instead of a styled-jsx block per slot rendered on every request.
 */
export const SLOT_CSS =
  '.remote-slot.inline{display:inline-block}' +
  '.slot-loading{background:linear-gradient(90deg,#f3f4f6,#e5e7eb,#f3f4f6);border-radius:8px}' +
  '.slot-loading.inline{display:inline-block;width:96px;height:30px}' +
  '.slot-loading.block{height:120px}';
