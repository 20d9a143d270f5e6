// A webpack pre-loader: hands the stub's source to the loaders that follow (next-swc) in place of
// the bench-only page's own, so the module keeps the page's path — Next still compiles it as a
// page (getServerSideProps allowed) — with none of its code (packages/next-config/src/bench-only.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS loader, as webpack loads them
const { readFileSync } = require('node:fs');

module.exports = function benchStubLoader() {
  const { stub } = this.getOptions();
  this.addDependency(stub);
  return readFileSync(stub, 'utf8');
};
