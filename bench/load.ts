// The load of a benchmark, run in a process of its own so that its work is not counted against the product's
// (bench/sign-in.ts). Reads its job as JSON on stdin and prints the measurement as JSON on stdout:
// `sign-in` posts sign-ins to the citizen service; `argon2` verifies the same argon2id hashes with nothing around them;
// `intake` posts the given PIN requests at a fixed rate, whatever the answers' pace (an open loop, as citizens arrive).
import { verifySecret } from '../domain/pin';
import { atFixedRate, measure } from './measure';

type Job =
  | {
      mode: 'sign-in' | 'argon2';
      requests: number;
      concurrency: number;
      citizenUrl?: string;
      holders: { fiscalCode: string; pin: string; pinHash: string }[];
    }
  | { mode: 'intake'; perSecond: number; citizenUrl: string; bodies: string[] };

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job;
  if (job.mode === 'intake') {
    const result = await atFixedRate(job.bodies.length, job.perSecond, async (i) => {
      const res = await fetch(`${job.citizenUrl}/api/pin-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: job.bodies[i],
      });
      await res.arrayBuffer();
      return res.status === 202;
    });
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const holderOf = (i: number) => job.holders[i % job.holders.length]!;
  // One call in four with a wrong PIN, in both modes: the same mix of verifies that succeed and fail.
  const right = (i: number) => i % 4 !== 0;
  const result =
    job.mode === 'argon2'
      ? await measure(job.requests, job.concurrency, async (i) => {
          const holder = holderOf(i);
          return (await verifySecret(holder.pinHash, right(i) ? holder.pin : 'AAAAAAAA')) === right(i);
        })
      : await measure(job.requests, job.concurrency, async (i) => {
          const holder = holderOf(i);
          const res = await fetch(`${job.citizenUrl}/api/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ fiscalCode: holder.fiscalCode, pin: right(i) ? holder.pin : 'AAAAAAAA' }),
          });
          await res.arrayBuffer();
          return res.status === (right(i) ? 200 : 401);
        });
  process.stdout.write(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
