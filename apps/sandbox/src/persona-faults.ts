import { type ProviderErrorShape } from './error-shape.js';
import { type Fault, parseFault } from './faults.js';

/**
 * Parses a persona's per-step fault specs once, at startup, and checks each against the shape of
 * the route it will run on: `code:<c>` must be one of the provider's codes, `tamper` needs a route
 * with an integrity check, `defect:<name>` one of the route's defects. A bad spec stops the app,
 * naming the persona and the step, instead of failing a browser flow later.
 */
export function parsePersonaFaults<Step extends string>(
  provider: string,
  personaId: string,
  specs: Partial<Record<Step, string>> | undefined,
  shapes: Readonly<Record<Step, ProviderErrorShape>>,
): Partial<Record<Step, Fault>> {
  const faults: Partial<Record<Step, Fault>> = {};
  if (specs === undefined) return faults;
  for (const [step, spec] of Object.entries(specs) as [Step, string | undefined][]) {
    if (spec === undefined) continue;
    const where = `persona ${personaId}: ${provider}.faults.${step}`;
    const shape = shapes[step];
    if (shape === undefined) throw new Error(`${where}: no such step`);
    let fault: Fault;
    try {
      fault = parseFault(spec);
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
    }
    const action = fault.action;
    if (action?.kind === 'code' && shape.resultCode?.(action.code) === undefined) {
      throw new Error(`${where}: code:${action.code} is not a result code of this step`);
    }
    if (action?.kind === 'tamper' && shape.tamper !== true) {
      throw new Error(`${where}: tamper is not supported by this step`);
    }
    if (action?.kind === 'defect' && shape.defects?.includes(action.name) !== true) {
      throw new Error(`${where}: defect:${action.name} is not a defect of this step`);
    }
    faults[step] = fault;
  }
  return faults;
}
