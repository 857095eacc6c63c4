/**
 * Long operations (audit verification, large imports) run in the background of this process and
 * report progress that the console polls. Held in memory: a restart forgets finished tasks.
 */
import crypto from 'node:crypto';

export interface TaskState { id: string; kind: string; status: 'running' | 'done' | 'failed'; done: number; total: number; result?: unknown; error?: string; ownerId: string | null; startedAt: string }

const tasks = new Map<string, TaskState>();

export function startTask(kind: string, ownerId: string | null, run: (progress: (done: number, total: number) => void) => Promise<unknown>): TaskState {
  const t: TaskState = { id: crypto.randomUUID(), kind, status: 'running', done: 0, total: 0, ownerId, startedAt: new Date().toISOString() };
  tasks.set(t.id, t);
  void run((done, total) => { t.done = done; t.total = total; })
    .then((result) => { t.result = result; t.status = 'done'; })
    .catch((err: Error) => { t.error = err.message; t.status = 'failed'; });
  if (tasks.size > 200) tasks.delete(tasks.keys().next().value as string);
  return t;
}

export function getTask(id: string): TaskState | undefined {
  return tasks.get(id);
}
