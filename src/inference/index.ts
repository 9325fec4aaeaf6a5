// Public API of the Triton inference client (no `vscode` import).
export { TritonClient, parseEndpoint, KEEPALIVE_OPTIONS } from './client';
export type { TritonClientOptions, EndpointConfig, TlsOptions, GenerateOptions, Generation, TextChunk, Discovery, EndpointStatus, InferenceLogEvent } from './client';
export { InferenceError, InferenceAbortError, GrpcStatus } from './errors';
export type { InferenceErrorCode } from './errors';
export { recognizeLayout, modelInfoFromConfig, describeTensors, shapeFor, DEFAULT_MAX_TOKENS } from './layouts';
export type { GenerateRequest, Layout, LayoutKind, ModelInfo, ModelMapping, TensorSpec, TextMode, InputTensor } from './layouts';
export { percentiles, GenerationTimer } from './metrics';
export type { GenerationMetrics, Percentiles } from './metrics';
export { loadTritonProto, defaultProtoDir, LOADER_OPTIONS, PROTO_FILES } from './proto';
export type { TritonProto } from './proto';
export { encodeBytes, decodeBytes, configTypeToDatatype } from './tensors';
