package dev.junction.cluster.bus;

/**
 * An inbound API other than OpenAI's chat completions whose requests Junction translates to chat (so that
 * every provider serves them) and passes through untranslated to the deployments that speak it natively.
 */
public enum Surface {
    /** Anthropic's {@code POST /v1/messages}; spoken natively by Anthropic deployments. */
    MESSAGES,
    /** OpenAI's {@code POST /v1/responses}; spoken natively by OpenAI and Azure OpenAI deployments. */
    RESPONSES
}
