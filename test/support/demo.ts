import { waitFor } from './apps';

/** The final stage each process the demo case opens reaches when the demo's agencies answer (scenarios/demo.json). */
export const demoFinalStages: Readonly<Record<string, string>> = {
  mla: 'executed',
  extradition: 'surrendered',
  'transfer-of-proceedings': 'taken-over',
  'transfer-of-sentenced-person': 'transferred',
  'special-investigative-technique': 'concluded',
  'law-enforcement-exchange': 'promoted-to-mla',
  'domestic-taskforce': 'closed',
  'document-verification': 'not-verified',
  'migrant-return': 'returned',
  'protection-referral': 'closed',
};

/** The case id seed-demo.ts prints (`demo: case <id>: ...`). */
export function demoCaseOf(seedOutput: string): string {
  const id = /demo: case (\S+):/.exec(seedOutput)?.[1];
  if (!id) throw new Error(`seed-demo printed no case:\n${seedOutput}`);
  return id;
}

export type DemoProcess = { id: string; type: string; stage: string; terminal: boolean };

/**
 * Waits until the demo case holds every process it should (one of each type above, and the MLA the
 * promoted exchange starts) and all are terminal, then answers them; `list` reads the case's processes.
 */
export function demoProcessesWhenFinal(
  caseId: string,
  list: () => Promise<DemoProcess[] | undefined>,
  timeoutMs = 240_000,
): Promise<DemoProcess[]> {
  const expectedCount = Object.keys(demoFinalStages).length + 1;
  return waitFor(
    `every process of ${caseId} final`,
    async () => {
      const all = (await list()) ?? [];
      return all.length === expectedCount && all.every((p) => p.terminal) ? all : undefined;
    },
    timeoutMs,
  );
}
