package dev.junction.router.strategy;

/**
 * What one token costs on a deployment, in USD.
 *
 * @param inputPerToken price of a prompt token
 * @param outputPerToken price of a completion token
 */
public record TokenPrices(double inputPerToken, double outputPerToken) {}
