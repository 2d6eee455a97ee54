// A node of cluster-cloud/dag: "I am job X", as each of the book's
// a.job … d.job echoes. It also appends "start X" and "end X" to a shared
// log, so the recipe can check the order the scheduler kept.
import { appendFileSync } from 'node:fs';

const [name, log] = process.argv.slice(2) as [string, string];
appendFileSync(log, `start ${name}\n`);
console.log(`I am job ${name}`);
// A little work, so that B and C really overlap when they can.
await new Promise((resolve) => setTimeout(resolve, 300));
appendFileSync(log, `end ${name}\n`);
