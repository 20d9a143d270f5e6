// Compiled in place of a bench-only API route (pages/api/bench/*) in a standalone build: the
// images serve a 404 there, with none of the route's code (packages/next-config/src/bench-only.ts).
export default function benchRouteNotBuilt(_req, res) {
  res.statusCode = 404;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'Not found.' }));
}

export const config = { api: { bodyParser: false } };
