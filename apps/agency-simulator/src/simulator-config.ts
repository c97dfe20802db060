import { readFileSync } from 'node:fs';
import { z } from 'zod';

const behaviour = z
  .object({
    /** Evidence returned in parts before execution completes (MLA). */
    partialReturns: z.number().int().min(0).max(20).default(1),
    /** Ask the requesting side for further information once before executing (MLA). */
    askFurtherInfo: z.boolean().default(false),
    /** Consult, then refuse on this ground, instead of executing (MLA). */
    refuseWith: z.object({ ground: z.string().min(1), reasons: z.string().min(1) }).optional(),
    /** The language translations are recorded in (requesting side of an MLA). */
    translationLanguage: z
      .string()
      .regex(/^[a-z]{2}$/)
      .default('en'),
    /** The agency's own state: it authorises a controlled delivery for that state (route state). */
    state: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    /** The route a requesting police agency declares for a controlled delivery before asking for authorisation. */
    route: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .min(1)
      .optional(),
    /** Members a national coordination body adds before starting a task force's work (then it asks one money trace). */
    members: z
      .array(z.object({ agencyId: z.string().min(1), role: z.string().min(1) }).strict())
      .min(1)
      .optional(),
    /** Promote an answered informal exchange to a formal MLA instead of closing it. */
    promoteToMla: z.boolean().default(false),
    /** Report a document sent for verification as not genuine, with this finding, instead of confirming it. */
    documentFinding: z
      .enum(['counterfeit', 'falsified', 'not-issued', 'revoked-or-expired', 'used-by-impostor'])
      .optional(),
  })
  .strict();

export const simulatorConfig = z
  .object({
    agencies: z
      .array(
        z
          .object({
            agencyId: z.string().min(1),
            /** How long the agency takes to answer a task, in milliseconds (at most 10 s). */
            delayMs: z.number().int().min(0).max(10_000).default(500),
            behaviour: behaviour.default({
              partialReturns: 1,
              askFurtherInfo: false,
              translationLanguage: 'en',
              promoteToMla: false,
            }),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type SimulatorConfig = z.infer<typeof simulatorConfig>;
export type AgencyBehaviour = z.infer<typeof behaviour>;

/** Checks a scenario; `source` names it in the error. */
export function parseSimulatorConfig(value: unknown, source: string): SimulatorConfig {
  const parsed = simulatorConfig.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}

export function readSimulatorConfig(file: string): SimulatorConfig {
  return parseSimulatorConfig(JSON.parse(readFileSync(file, 'utf8')), file);
}
