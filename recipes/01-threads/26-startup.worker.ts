/**
 * The child that benchmark ProcessStartup forks (26-startup.bench.ts):
 * it imports the shared helpers, as a recipe's child does, echoes one
 * message and exits when its parent disconnects.
 */
import { isEntry } from '@cookbook/shared';

if (isEntry(import.meta.url)) {
  process.once('message', (message) => process.send?.(message));
}
