// Public API of the Triton inference client (no `vscode` import).
//
//   const client = new TritonClient({
//     endpoints: ['triton-a:8001', 'triton-b:8001'], model: 'ensemble',
//     protoDir: path.join(context.extensionUri.fsPath, 'proto'), // extension; CLI/tests: default
//     tls: { caFile }, headers: { authorization: `Bearer ${token}` },
//   });
//   const gen = client.generate({ prompt, maxTokens: 512, temperature: 0.2, stop: ['\n\n'] }, { signal });
//   for await (const chunk of gen) editor.append(chunk.text);   // deltas, never repeated text
//   const metrics = await gen.metrics;                          // TTFT, ITL, tokens, latency
export { TritonClient, parseEndpoint, KEEPALIVE_OPTIONS } from './client';
export type { TritonClientOptions, EndpointConfig, TlsOptions, GenerateOptions, Generation, TextChunk, Discovery, EndpointStatus, InferenceLogEvent } from './client';
export { InferenceError, InferenceAbortError, GrpcStatus, sanitizeServerText, deadlineError, DEADLINE_SETTINGS, MAX_SERVER_TEXT } from './errors';
export type { InferenceErrorCode, DeadlineKind } from './errors';
export { checkLocal, endpointHost, hostKind, isLoopbackAddress, proxyFromEnv } from './net';
export type { LocalCheck, Lookup, ProxyChoice } from './net';
export { WireError, WIRE_LIMITS } from './wire';
export { recognizeLayout, modelInfoFromConfig, describeTensors, shapeFor, DEFAULT_MAX_TOKENS } from './layouts';
export type { GenerateRequest, Layout, LayoutKind, ModelInfo, ModelMapping, TensorSpec, TextMode, InputTensor } from './layouts';
export { percentiles, GenerationTimer } from './metrics';
export type { GenerationMetrics, Percentiles } from './metrics';
export { loadTritonProto, defaultProtoDir, LOADER_OPTIONS, PROTO_FILES } from './proto';
export type { TritonProto } from './proto';
export { encodeBytes, decodeBytes, configTypeToDatatype } from './tensors';
