// Loads Triton's gRPC protocol from the .proto files shipped with the extension (proto/ at
// the extension root). The extension passes `<extensionUri>/proto`, the CLI
// `path.join(__dirname, '..', 'proto')`; `defaultProtoDir()` finds it for both and for tests.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export const PROTO_FILES = ['grpc_service.proto', 'model_config.proto', 'health.proto'];

export interface TritonProto {
  dir: string;
  /** Client/server constructor for inference.GRPCInferenceService. */
  GRPCInferenceService: grpc.ServiceClientConstructor;
  Health: grpc.ServiceClientConstructor;
  /** Service definitions for servers (tests) and raw (de)serializers (benchmarks). */
  inferenceService: grpc.ServiceDefinition;
  healthService: grpc.ServiceDefinition;
}

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

const cache = new Map<string, TritonProto>();

/** The first of the usual locations that holds the .proto files. */
export function defaultProtoDir(): string {
  const candidates = [
    process.env.PATENT_DRAFT_PROTO_DIR,
    join(__dirname, '..', 'proto'), // dist/cli.js, dist/extension.js
    join(__dirname, '..', '..', 'proto'), // src/inference/*.ts run by tsx
  ].filter((p): p is string => !!p);
  for (const c of candidates) if (existsSync(join(c, 'grpc_service.proto'))) return resolve(c);
  throw new Error(`Triton .proto files not found (looked in ${candidates.join(', ')}); the extension package is incomplete`);
}

export function loadTritonProto(dir: string = defaultProtoDir()): TritonProto {
  const key = resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;
  for (const f of PROTO_FILES) {
    if (!existsSync(join(key, f))) throw new Error(`Triton protocol file ${f} is missing from ${key}`);
  }
  const def = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [key] });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    inference: { GRPCInferenceService: grpc.ServiceClientConstructor };
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  const loaded: TritonProto = {
    dir: key,
    GRPCInferenceService: pkg.inference.GRPCInferenceService,
    Health: pkg.grpc.health.v1.Health,
    inferenceService: pkg.inference.GRPCInferenceService.service,
    healthService: pkg.grpc.health.v1.Health.service,
  };
  cache.set(key, loaded);
  return loaded;
}
