package dev.junction.bench.report;

/** How the report names each target. */
final class Targets {
    private Targets() {}

    static String describe(String target) {
        return switch (target) {
            case "upstream" -> "upstream direct (nginx, static answer)";
            case "nginx-proxy" -> "nginx keep-alive reverse proxy";
            case "portkey" -> "Portkey gateway (Node)";
            case "junction" -> "**Junction**";
            case "junction-auth" -> "**Junction**, master key + rpm/tpm";
            case "junction-1node" -> "Junction, 1 node";
            case "junction-3nodes" -> "Junction, 3-node cluster";
            default -> target;
        };
    }
}
