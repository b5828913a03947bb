/**
 * @module inference
 * Local models for plugins (`ctx.classifier`): a shared inference process running onnxruntime-node, its launcher and
 * client, and the tools that build models for it (featurizer, trainer, ONNX exporter, model files). See README.md.
 *
 * The engine imports this module; it never loads onnxruntime itself (only `server.ts`, in its own process, does).
 */
export { startInferenceForPlugins, startInferenceService } from './launcher.ts';
export type { InferenceServiceEvents, InferenceServiceHandle, InferenceServiceOptions } from './launcher.ts';
export { InferenceClient } from './client.ts';
export type { InferenceClientOptions, RequestOptions } from './client.ts';
export { InferenceError, InferenceErrorCode } from './errors.ts';
export { loadInferenceConfig, providerSetting } from './config.ts';
export type { InferenceConfig, ProviderSetting } from './config.ts';
export type { ClassifyResult, LabelScore, ModelStats, ProviderStats, ServiceStats } from './protocol.ts';
export { INFERENCE_SOCKET_VARIABLE } from '../host/child-env.ts';
// Building models (pure TS; no onnxruntime).
export { buildTextModel, buildVectorModel } from './build-model.ts';
export type { BuildTextOptions, BuildVectorOptions, BuiltModel, LabelledText, LabelledVector } from './build-model.ts';
export { ModelFileError, loadSidecar, parseSidecar, saveModel } from './model-files.ts';
export type { ModelFiles, Sidecar, SidecarInput } from './model-files.ts';
export { DEFAULT_TEXT_FEATURIZER, featurizeText, featurizeTexts, normalizeText } from './featurize.ts';
export type { FeaturizerConfig, HashedNgramsFeaturizer, VectorFeaturizer } from './featurize.ts';
