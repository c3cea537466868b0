package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.ChatLoad.Reply;
import dev.junction.testkit.FakeUpstream;
import dev.junction.testkit.OpenAiWire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Cases that hold in both accuracy modes, run by {@link ClusterIT} (strict) and {@link BatchedClusterIT}. */
final class ClusterCases {
    private ClusterCases() {}

    static String chatPath(String deployment) {
        return "/" + deployment + "/v1/chat/completions";
    }

    /**
     * Group {@code paired} (deployments {@code paired-a} and {@code paired-b}): {@code paired-a} answers 429 to
     * the first node, after which the second and third nodes, under load, send it nothing from 1 s later.
     */
    static void cooledOnOneNodeIsSkippedByTheOthers(FakeUpstream upstream, List<JarNode> nodes) throws Exception {
        upstream.on(chatPath("paired-a")).replyAlways(OpenAiWire.rateLimited(Duration.ofSeconds(30)));
        upstream.on(chatPath("paired-b")).replyAlways(OpenAiWire.ok("paired-b"));
        JarNode a = nodes.get(0);
        for (int i = 0; i < 20 && upstream.requests(chatPath("paired-a")).isEmpty(); i++) {
            assertThat(ChatLoad.chat(a, "paired").status())
                    .as("a 429 is retried on the sibling")
                    .isEqualTo(200);
        }
        assertThat(upstream.requests(chatPath("paired-a"))).hasSize(1);
        Instant limitedAt = upstream.requests(chatPath("paired-a")).get(0).receivedAt();

        ChatLoad load = ChatLoad.start(nodes.subList(1, 3), "paired");
        Thread.sleep(2000);
        List<Reply> replies = load.stop();

        assertThat(replies).isNotEmpty().allSatisfy(reply -> assertThat(reply.status())
                .isEqualTo(200));
        assertThat(upstream.requests(chatPath("paired-a")))
                .as("nodes b and c send nothing to the cooled deployment from 1 s after its 429 on node a")
                .allSatisfy(sent -> assertThat(sent.receivedAt()).isBefore(limitedAt.plusSeconds(1)));
        System.out.printf(
                "cooldown: b and c sent %d requests, %d of them to the cooled deployment%n",
                replies.size(), upstream.requests(chatPath("paired-a")).size() - 1);
    }
}
