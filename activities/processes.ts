// Starting, from the worker, the processes whose start was lost: the Temporal client's side is passed in by start-up.
export type StartPendingProcesses = () => Promise<number>;

export function createProcessSweepActivities({
  startPendingProcesses,
}: {
  startPendingProcesses: StartPendingProcesses;
}) {
  return {
    /** Starts what is stored but not running; returns how many starts were made (most find theirs running). */
    async startPendingProcesses(): Promise<number> {
      return startPendingProcesses();
    },
  };
}

export type ProcessSweepActivities = ReturnType<typeof createProcessSweepActivities>;
