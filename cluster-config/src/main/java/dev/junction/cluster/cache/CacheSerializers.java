package dev.junction.cluster.cache;

import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;
import java.util.List;

/**
 * Hazelcast serializers of the cache's values and operations: the bytes of an answer as they are (Java
 * serialization would add a class descriptor to every entry, and every entry's heap counts against the cache's
 * size), and the claim and scan sent to the members.
 */
public final class CacheSerializers {
    /** Hazelcast type ids (positive, unique among the member's custom serializers). */
    private static final int ANSWER = 1201;

    private static final int CLAIM = 1202;
    private static final int VECTOR = 1203;
    private static final int NEAREST = 1204;

    private CacheSerializers() {}

    public static List<SerializerConfig> configs() {
        return List.of(
                config(CachedAnswer.class, ANSWER, CacheSerializers::writeAnswer, CacheSerializers::readAnswer),
                config(ClaimProcessor.class, CLAIM, CacheSerializers::writeClaim, CacheSerializers::readClaim),
                config(PromptVector.class, VECTOR, CacheSerializers::writeVector, CacheSerializers::readVector),
                config(NearestVector.class, NEAREST, CacheSerializers::writeNearest, CacheSerializers::readNearest));
    }

    private static void writeAnswer(ObjectDataOutput out, CachedAnswer answer) throws IOException {
        out.writeLong(answer.storedMillis());
        out.writeString(answer.deploymentId());
        out.writeByteArray(answer.body());
    }

    private static CachedAnswer readAnswer(ObjectDataInput in) throws IOException {
        long stored = in.readLong();
        String deployment = in.readString();
        return new CachedAnswer(in.readByteArray(), stored, deployment);
    }

    private static void writeClaim(ObjectDataOutput out, ClaimProcessor claim) throws IOException {
        out.writeString(claim.holder);
        out.writeLong(claim.ttlMillis);
    }

    private static ClaimProcessor readClaim(ObjectDataInput in) throws IOException {
        return new ClaimProcessor(in.readString(), in.readLong());
    }

    private static void writeVector(ObjectDataOutput out, PromptVector vector) throws IOException {
        out.writeString(vector.scope());
        out.writeFloatArray(vector.vector());
    }

    private static PromptVector readVector(ObjectDataInput in) throws IOException {
        return new PromptVector(in.readString(), in.readFloatArray());
    }

    private static void writeNearest(ObjectDataOutput out, NearestVector nearest) throws IOException {
        out.writeString(nearest.scope);
        out.writeFloatArray(nearest.query);
        out.writeString(nearest.bestKey);
        out.writeDouble(nearest.bestSimilarity);
    }

    private static NearestVector readNearest(ObjectDataInput in) throws IOException {
        NearestVector nearest = new NearestVector(in.readString(), in.readFloatArray());
        nearest.bestKey = in.readString();
        nearest.bestSimilarity = in.readDouble();
        return nearest;
    }

    private interface Writer<T> {
        void write(ObjectDataOutput out, T value) throws IOException;
    }

    private interface Reader<T> {
        T read(ObjectDataInput in) throws IOException;
    }

    private static <T> SerializerConfig config(Class<T> type, int typeId, Writer<T> writer, Reader<T> reader) {
        StreamSerializer<T> serializer = new StreamSerializer<>() {
            @Override
            public void write(ObjectDataOutput out, T value) throws IOException {
                writer.write(out, value);
            }

            @Override
            public T read(ObjectDataInput in) throws IOException {
                return reader.read(in);
            }

            @Override
            public int getTypeId() {
                return typeId;
            }
        };
        return new SerializerConfig().setTypeClass(type).setImplementation(serializer);
    }
}
