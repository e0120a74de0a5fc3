// Faults the message providers' stand-ins can be told to have, so tests and the fault bench can reproduce what real
// providers do on a bad day: answer slowly, or send the message and lose the answer (a timeout, a dropped connection).
import express, { type Express, type Response } from 'express';
import { z } from 'zod';

const faultsSchema = z
  .object({
    /** How long the provider takes to answer, after it has accepted (and sent) the message. */
    delayMs: z.number().int().min(0).max(60_000).default(0),
    /** The share of answers that never arrive although the message went out. */
    loseAnswerRate: z.number().min(0).max(1).default(0),
  })
  .strict();

export type ProviderFaults = z.infer<typeof faultsSchema>;

export function mountProviderFaults(app: Express) {
  let faults: ProviderFaults = faultsSchema.parse({});
  app.post('/dev/faults', express.json(), (req, res) => {
    const parsed = faultsSchema.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: { code: 'bad_request', message: parsed.error.issues[0]?.message ?? 'bad faults' } });
      return;
    }
    faults = parsed.data;
    res.status(204).end();
  });
  app.get('/dev/faults', (_req, res) => res.json(faults));

  return {
    /** Answers a send the way today's faults say: late, or not at all (the connection is dropped). */
    async answer(res: Response, reply: () => void): Promise<void> {
      if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
      if (Math.random() < faults.loseAnswerRate) {
        res.socket?.destroy();
        return;
      }
      reply();
    },
  };
}
