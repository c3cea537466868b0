package dev.junction.router.precall;

import dev.junction.config.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of the pre-call checks.
 *
 * @param deployments the survivors, in the order given
 * @param dropped every removed deployment with the first check it failed
 */
public record PreCallResult(List<Deployment> deployments, List<Dropped> dropped) {

    public PreCallResult {
        deployments = List.copyOf(deployments);
        dropped = List.copyOf(dropped);
    }

    public record Dropped(Deployment deployment, DropReason reason) {}

    /**
     * Why nothing survived, when nothing did. {@link DropReason#CONTEXT_WINDOW} if any candidate was too small
     * for the prompt, as LiteLLM raises {@code ContextWindowExceededError} then, so that {@code
     * context_window_fallbacks} apply; {@link DropReason#REGION} when only the region removed them (a plain
     * "no deployments available"). Empty when some survived or no candidates were given.
     */
    public Optional<DropReason> failure() {
        if (!deployments.isEmpty() || dropped.isEmpty()) {
            return Optional.empty();
        }
        boolean tooSmall = dropped.stream().anyMatch(d -> d.reason() == DropReason.CONTEXT_WINDOW);
        return Optional.of(tooSmall ? DropReason.CONTEXT_WINDOW : DropReason.REGION);
    }
}
