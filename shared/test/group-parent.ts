// Starts a grandchild that sleeps, prints both pids, then waits forever:
// the test kills the whole group and checks both are gone.
import { spawn } from 'node:child_process';

const grandchild = spawn('sleep', ['60'], { stdio: 'ignore' });
console.log(JSON.stringify({ parent: process.pid, grandchild: grandchild.pid }));
setInterval(() => {}, 1_000);
