// Compiled in place of a bench-only page (the shell's /baseline) in a standalone build: the images
// answer 404 there, and bundle none of what the page imports (packages/next-config/src/bench-only.ts).
export default function BenchPageNotBuilt() {
  return null;
}

export async function getServerSideProps() {
  return { notFound: true };
}
