/**
 * Types of the federated modules the shell loads. Each declaration re-exports the type of
 * the remote's own source, so `pnpm typecheck` fails when a remote changes a contract the
 * shell relies on. Add one line per exposed module (the remote generator does it).
 */
declare module 'user/UserMenu' {
  export { default } from '@mfv/user/exposes/UserMenu';
  export type { UserMenuProps } from '@mfv/user/exposes/UserMenu';
}
declare module 'notice/NoticeBell' {
  export { default } from '@mfv/notice/exposes/NoticeBell';
}
declare module 'notice/NoticeList' {
  export { default } from '@mfv/notice/exposes/NoticeList';
  export type { NoticeListProps } from '@mfv/notice/exposes/NoticeList';
}
declare module 'verify/VerifyLauncher' {
  export { default } from '@mfv/verify/exposes/VerifyLauncher';
  export type { VerifyLauncherProps } from '@mfv/verify/exposes/VerifyLauncher';
}
// @generator:declarations
