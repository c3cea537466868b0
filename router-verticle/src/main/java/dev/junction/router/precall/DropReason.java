package dev.junction.router.precall;

/** Why a pre-call check removed a deployment from the candidates. */
public enum DropReason {
    /** The prompt has more tokens than the deployment's max input tokens. */
    CONTEXT_WINDOW,
    /** The request may only go to one region and the deployment is elsewhere or does not say. */
    REGION,
    /** A deployment with a lower {@code order} passed the other checks. */
    ORDER
}
