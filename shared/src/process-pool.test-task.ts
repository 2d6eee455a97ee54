/** A task module for process-pool.test.ts: one command per input. */
import { setTimeout as sleep } from 'node:timers/promises';

export type Command =
  | { op: 'square'; n: number }
  | { op: 'pid' }
  | { op: 'echo'; value: unknown }
  | { op: 'sleep'; ms: number }
  | { op: 'throw'; name: string; message: string }
  | { op: 'exit'; code: number };

export default async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'square':
      return command.n * command.n;
    case 'pid':
      return process.pid;
    case 'echo':
      return command.value;
    case 'sleep':
      await sleep(command.ms);
      return process.pid;
    case 'throw': {
      const error = new Error(command.message);
      error.name = command.name;
      throw error;
    }
    case 'exit':
      process.exit(command.code);
  }
}
