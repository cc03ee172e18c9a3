/** The endpoint flags `check` and `doctor` share (environment fallbacks in resolve-endpoint.ts). */
export const ENDPOINT_ARGS = {
  endpoint: {
    type: "string",
    description:
      "Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1 (env CAB_ENDPOINT, OPENAI_BASE_URL)",
    valueHint: "URL",
  },
  key: {
    type: "string",
    description:
      "API key; optional for keyless local servers; never printed or written (env CAB_KEY, OPENAI_API_KEY)",
    valueHint: "KEY",
  },
} as const;

/** The help block for those flags' environment fallbacks. */
export const ENDPOINT_ENVIRONMENT_HELP = `ENVIRONMENT
  CAB_ENDPOINT, OPENAI_BASE_URL   endpoint when --endpoint is not given
  CAB_KEY, OPENAI_API_KEY         key when --key is not given (prefer these: flags show up in ps)
  CAB_MODEL                       model when --model is not given
  HTTPS_PROXY, NO_PROXY           honoured for endpoint calls`;
