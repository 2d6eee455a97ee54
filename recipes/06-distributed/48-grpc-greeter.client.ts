/**
 * Client plumbing for distributed/grpc-greeter and its benchmark peers:
 * grpc-js answers through callbacks, the recipes await promises.
 * Not a recipe (the extra dot in the name keeps it out of the catalogue).
 */
import type * as grpc from '@grpc/grpc-js';

/** A client stub: its methods are named after the .proto's rpcs. */
export type Stub = grpc.Client &
  Record<string, (...args: unknown[]) => unknown>;

// A unary call as a promise. A gRPC deadline is an absolute time, so a
// timeout becomes `now + timeoutMs`; past it the call fails with
// DEADLINE_EXCEEDED (and the server sees it cancelled).
export function unary<T>(client: Stub, method: string, request: object,
  timeoutMs?: number): Promise<T> {
  const options = timeoutMs ? { deadline: Date.now() + timeoutMs } : {};
  return new Promise((resolve, reject) => client[method]!(request, options,
    (error: grpc.ServiceError | null, reply: T) =>
      (error ? reject(error) : resolve(reply))));
}
