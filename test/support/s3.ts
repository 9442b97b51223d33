/**
 * An S3-compatible server for the backup tests, started inside the test: s3rver 3.7.1 (npm), which stores objects
 * in a folder and answers the S3 REST API the backups use (PUT, HEAD, GET, DELETE, ListObjectsV2). It knows one
 * access key (S3RVER) and refuses others (InvalidAccessKeyId), but does not check SigV4 signatures (so a wrong
 * secret is not caught by it). There is no MinIO here and no network; the AWS SDK talks to it as to a real bucket
 * (path-style addresses, as MinIO and most S3-compatible servers are used).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

export const S3_ACCESS_KEY = 'S3RVER';
export const S3_SECRET = 'S3RVER';

export interface TestBucketServer {
  endpoint: string;
  /** The test's own client (not the product's), to look at what the bucket holds. */
  client: S3Client;
  keys(bucket: string, prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startS3(buckets: string[]): Promise<TestBucketServer> {
  const directory = mkdtempSync(join(tmpdir(), 'dth-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    client,
    keys: async (bucket, prefix) => ((await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort(),
    close: async () => {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
