package dev.junction.router.strategy;

import dev.junction.config.Deployment;
import java.util.List;

/** Chooses one deployment among healthy candidates. A pure function of its inputs (and randomness). */
public interface DeploymentPicker {
    Deployment pick(List<Deployment> candidates);
}
