// The job program of cluster-cloud/single-job: what the book's HTCondor
// and PBS jobs run, `print('Hello, HTCondor!')`, with Slurm's name.
console.log('Hello, Slurm!');
