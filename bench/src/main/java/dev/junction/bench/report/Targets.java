package dev.junction.bench.report;

/** How the report names each target. */
final class Targets {
    private Targets() {}

    static String describe(String target) {
        return switch (target) {
            case "upstream" -> "upstream direct (static answer)";
            case "nginx-proxy" -> "nginx keep-alive reverse proxy";
            case "vertx-proxy" -> "bare Vert.x proxy (Junction's stack, no gateway work)";
            case "portkey" -> "Portkey gateway (Node)";
            case "junction" -> "**Junction**";
            case "junction-auth" -> "**Junction**, master key + rpm/tpm";
            case "junction-1node" -> "Junction, 1 node";
            case "junction-3nodes" -> "Junction, 3-node cluster";
            case "state-1node-nolimit" -> "Junction, 1 node, no limits";
            case "state-1node-batched" -> "Junction, 1 node, rpm/tpm, batched";
            case "state-1node-strict" -> "Junction, 1 node, rpm/tpm, strict";
            case "state-3nodes-batched" -> "Junction, 3 nodes, rpm/tpm, batched";
            case "state-3nodes-strict" -> "Junction, 3 nodes, rpm/tpm, strict";
            default -> target;
        };
    }
}
