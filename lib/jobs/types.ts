import type { Task } from 'graphile-worker';

/**
 * What one domain runs in the background: its tasks (by name), the cron lines that start some of
 * them, and anything it needs to do every so often besides (with the runner's settings).
 */
export type DomainJobs = {
  tasks: Record<string, Task>;
  crontab?: string[];
  /** Called once when the runner starts; returns a function that stops what it started. */
  start?: (settings: { connectionString: string; stuckAfterSeconds: number }) => () => void;
};
