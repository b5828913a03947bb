/**
 * @module sdk
 * The public API for plugin authors. A plugin is a folder under `plugins/` whose `plugin.ts` default-exports
 * `definePlugin({...})`; see `bots/README.md` ("Write your first plugin in 10 minutes").
 */
export { definePlugin, isPluginDefinition } from './define.ts';
export type { EmptyConfig, PluginDefinition, PluginDefinitionInput, PluginHooks } from './define.ts';
export {
  CAPABILITIES,
  DEFAULT_WINDOW,
  LIMIT_BOUNDS,
  MAX_WINDOW,
  PLUGIN_CATEGORIES,
  hasCapability,
  isConfigSchema,
  validateManifest,
  windowOf,
} from './manifest.ts';
export type { Capability, ConfigSchema, PluginCategory, PluginLimits, PluginManifest } from './manifest.ts';
export { HOOK_NAMES, isVeto } from './hooks.ts';
export type { Annotation, HookName, Label, LabelResult, TurnInput, TurnOutput, TurnOutputType, Veto } from './hooks.ts';
export type {
  ClassifierHandle,
  ClassifierResult,
  LabellerContext,
  PluginIdentity,
  PluginUser,
  RoomRisk,
  RecordFilter,
  StorageCollection,
  StorageHandle,
  StorageScope,
  StoredRecord,
  ToolConfirmation,
  TurnContext,
} from './context.ts';
export {
  CAPABILITY_NOT_AVAILABLE,
  CapabilityNotAvailableError,
  PluginConfigError,
  PluginDefinitionErrorCode,
  PluginManifestError,
  STORAGE_ERROR_CODES,
  StorageError,
} from './errors.ts';
export type { FieldProblem, StorageErrorCode } from './errors.ts';
export { REDACTED, parsePluginConfig, redactConfig, secretValues } from './config.ts';
export { NOTICE_NO_MODEL, noModelConfiguredBody, streamLlmText } from './stream-llm.ts';
export type { LlmTextSummary, StreamLlmTextOptions } from './stream-llm.ts';
export { windowToLlmMessages } from './llm-messages.ts';
export type { WindowToMessagesOptions } from './llm-messages.ts';
export { InvalidHookOutputError, checkLabelResult, checkTurnOutput } from './outputs.ts';
export { bilingual, localize } from './text.ts';
export { mentionedNames } from './mentions.ts';
export type { Language, LocalizedText } from './text.ts';
// Plugins depend on the `llm` interface, not on a vendor: these are the types a responder needs.
export type { LlmMessage, LlmProvider, LlmRequest, LlmToolDefinition } from '../llm/index.ts';
