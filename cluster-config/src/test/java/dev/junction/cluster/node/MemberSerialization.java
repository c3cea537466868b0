package dev.junction.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import java.util.List;

/** The serialization a Junction member uses (its config as built for start-up), for round trips in tests. */
public final class MemberSerialization {
    private static final SerializationService SERVICE = new DefaultSerializationServiceBuilder()
            .setConfig(HazelcastConfigFactory.build(new ClusterSettings("serialization-test", null, List.of()))
                    .getSerializationConfig())
            .build();

    private MemberSerialization() {}

    /**
     * Asserts that each value is written with one of Junction's own serializers (a positive type id; Java
     * serialization's is negative) and reads back with every field as it was.
     */
    public static void assertEachCrossesWhole(List<?> values) {
        for (Object value : values) {
            Data data = SERVICE.toData(value);
            String type = value.getClass().getSimpleName();
            assertThat(data.getType()).as(type).isPositive();
            assertThat((Object) SERVICE.toObject(data))
                    .as(type)
                    .usingRecursiveComparison()
                    .isEqualTo(value);
        }
    }
}
