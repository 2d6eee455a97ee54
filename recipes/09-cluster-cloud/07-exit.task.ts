// A job of cluster-cloud/afterok-chain and cluster-cloud/failed-jobs: it
// prints its name, then ends the way its second argument says:
//   ok     exit code 0
//   exit   exit code 2, nothing on stderr (the book's sys.exit(2))
//   throw  an uncaught exception: a stack trace on stderr, exit code 1
//   sleep  wait 60 s (a job to cancel)
const [name, how = 'ok'] = process.argv.slice(2);
console.log(`I am job ${name}`);
if (how === 'exit') process.exit(2);
if (how === 'throw') throw new Error(`job ${name} failed on purpose`);
if (how === 'sleep') await new Promise((r) => setTimeout(r, 60_000));
