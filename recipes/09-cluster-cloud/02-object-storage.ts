/**
 * Object storage: a bucket, an uploaded page, a public read
 *
 * @book    DC ch. 5 "Python in the Cloud" › Storing data in Amazon S3
 * @covers  C4
 * @run     npm run recipe -- cluster-cloud/object-storage
 *
 * The book clicks through the AWS console: create the bucket
 * `book-123-456` in Ireland, upload an `index.html` that says "Hi there!",
 * grant everyone read access, open its URL. We do the same from code with
 * the AWS SDK v3 (`@aws-sdk/client-s3`), which speaks to any S3-compatible
 * server. With S3_ENDPOINT (and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)
 * set, it talks to that one; otherwise the recipe starts `s3rver` on
 * 127.0.0.1, an S3 emulator on npm (Debian packages no S3 server short of
 * a Ceph cluster), and stops it at the end.
 *
 * Honest limits of the emulator: s3rver accepts a canned ACL on upload
 * but neither enforces it (the anonymous GET would succeed without it)
 * nor implements PutObjectAcl. Only a real endpoint proves the grant (run
 * with S3_ENDPOINT: without the ACL the same GET gets 403). Bucket names
 * are global on AWS: set S3_BUCKET there. On Node 20 the SDK warns on
 * stderr that its 2027 releases will need Node 22.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// SDK v3 is modular: one Command class per S3 call, sent by one client
// (boto3, its Python peer, has a method per call instead).
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand,
  PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { isEntry } from '@cookbook/shared';

// The book's bucket, region and page.
const BUCKET = process.env['S3_BUCKET'] ?? 'book-123-456';
const REGION = 'eu-west-1';
const PAGE = 'Hi there!';

// Which server answered, and what an anonymous reader got back.
export interface Result {
  server: 's3rver' | 'S3_ENDPOINT';
  status: number;
  body: string;
  contentType: string | null;
}

/** s3rver on a free loopback port, with its files in a temp folder. */
async function startEmulator() {
  const directory = mkdtempSync(join(tmpdir(), 'cookbook-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory,
    silent: true });
  // Port 0 asks the kernel for a free port; run() reports which.
  const { port } = await server.run();
  // stop() also deletes the temp folder, so nothing is left behind.
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function main(): Promise<Result> {
  // A given endpoint wins; only without one do we start the emulator.
  const given = process.env['S3_ENDPOINT'];
  const emulator = given ? undefined : await startEmulator();
  const endpoint = given ?? emulator!.endpoint;
  // Print the emulator's name, not its port, so the output is stable.
  console.log(`object storage: ${given ? endpoint : 's3rver on 127.0.0.1'}`);

  // Path-style URLs (`/bucket/key`) work with every S3-compatible server;
  // s3rver accepts its own fixed credentials.
  const s3 = new S3Client({ endpoint, region: REGION, forcePathStyle: true,
    ...(given ? {} : { credentials: { accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER' } }) });
  try {
    // Create the bucket, then put the page in it as text/html. Outside
    // us-east-1 S3 wants the region named again as a location constraint.
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET,
      CreateBucketConfiguration: { LocationConstraint: REGION } }));
    console.log(`created bucket ${BUCKET} (${REGION})`);
    // The console's "Make public" is a canned ACL; we set it with the
    // upload (PutObjectAcl would set it afterwards, on a real S3).
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'index.html',
      Body: PAGE, ContentType: 'text/html', ACL: 'public-read' }));
    console.log(`uploaded index.html (${PAGE.length} bytes, text/html), ` +
      'ACL public-read');

    // Anyone may now read it over plain HTTP: no credentials, no SDK.
    const response = await fetch(`${endpoint}/${BUCKET}/index.html`);
    const body = await response.text();
    const contentType = response.headers.get('content-type');
    console.log(`anonymous GET /${BUCKET}/index.html: ${response.status} ` +
      `${body}`);

    // Clean up: a bucket must be empty before it can be deleted.
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET,
      Key: 'index.html' }));
    await s3.send(new DeleteBucketCommand({ Bucket: BUCKET }));
    console.log('deleted index.html and the bucket');
    return { server: given ? 'S3_ENDPOINT' : 's3rver',
      status: response.status, body, contentType };
  } finally {
    // Close the client's sockets and stop the emulator even on failure.
    s3.destroy();
    await emulator?.stop();
  }
}

// Run by hand it does the demo; imported by its test, it waits.
if (isEntry(import.meta.url)) await main();

// Output:
// object storage: s3rver on 127.0.0.1
// created bucket book-123-456 (eu-west-1)
// uploaded index.html (9 bytes, text/html), ACL public-read
// anonymous GET /book-123-456/index.html: 200 Hi there!
// deleted index.html and the bucket
