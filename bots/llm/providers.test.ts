import { describeProviderConformance } from './testing/conformance-suite.ts';

describeProviderConformance('anthropic');
describeProviderConformance('openai');
describeProviderConformance('openai-compatible');
