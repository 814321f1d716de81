/**
 * Whether a process with this id exists: signal 0 checks without sending anything, and EPERM
 * means it exists but belongs to someone else. Used by the ledger's writer markers and the
 * report folder's lock to tell a live holder from one a crash left behind.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
