import fs from 'node:fs';

/** Processes whose command line mentions `text` (say, a PostgreSQL started on a data folder). */
export function processesUsing(text: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

/** The process group `pid` belongs to (the fifth field of /proc/PID/stat). */
export function processGroupOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}
