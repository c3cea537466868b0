package dev.junction.cluster.state;

import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;
import java.util.List;

/**
 * Hazelcast serializers for the routing state that crosses partitions on every sync: the deployment counters
 * (the map's values), the entry processors and their payloads, and the snapshots they answer with.
 *
 * <p>Java serialization, which Hazelcast falls back to, wrote class descriptors and boxed every field: one push
 * of a busy deployment's 10 ms of changes allocated 115 KB and took 91 us on one member (JMH
 * {@code SyncPushBenchmark}), and every node makes such a push per deployment every interval. These write the
 * fields and arrays as they are. Every member must register them, so a cluster's members run the same
 * Junction version.
 */
public final class StateSerializers {
    /** Hazelcast type ids (positive, unique among the member's custom serializers). */
    private static final int COUNTERS = 1001;

    private static final int DELTA = 1002;
    private static final int SNAPSHOT = 1003;
    private static final int ADMISSION = 1004;
    private static final int APPLY_DELTA = 1005;
    private static final int READ_SNAPSHOT = 1006;
    private static final int ADMIT = 1007;
    private static final int COMPLETE = 1008;

    private StateSerializers() {}

    public static List<SerializerConfig> configs() {
        return List.of(
                config(DeploymentCounters.class, new CountersSerializer()),
                config(UsageDelta.class, new DeltaSerializer()),
                config(UsageSnapshot.class, new SnapshotSerializer()),
                config(Admission.class, new AdmissionSerializer()),
                config(ApplyDeltaProcessor.class, new ApplyDeltaSerializer()),
                config(SnapshotProcessor.class, new ReadSnapshotSerializer()),
                config(AdmitProcessor.class, new AdmitSerializer()),
                config(CompleteProcessor.class, new CompleteSerializer()));
    }

    private static SerializerConfig config(Class<?> type, StreamSerializer<?> serializer) {
        return new SerializerConfig().setTypeClass(type).setImplementation(serializer);
    }

    private static final class CountersSerializer implements StreamSerializer<DeploymentCounters> {
        @Override
        public void write(ObjectDataOutput out, DeploymentCounters counters) throws IOException {
            out.writeLong(counters.window);
            out.writeLong(counters.requests);
            out.writeLong(counters.tokens);
            out.writeLong(counters.successes);
            out.writeLong(counters.failures);
            out.writeLong(counters.inFlight);
            out.writeLong(counters.legacyFails);
            out.writeLong(counters.lastFailureMillis);
            out.writeDoubleArray(counters.latencies);
            out.writeLongArray(counters.latencyTimes);
            out.writeDoubleArray(counters.firstTokenLatencies);
            out.writeLongArray(counters.firstTokenTimes);
        }

        @Override
        public DeploymentCounters read(ObjectDataInput in) throws IOException {
            DeploymentCounters counters = new DeploymentCounters();
            counters.window = in.readLong();
            counters.requests = in.readLong();
            counters.tokens = in.readLong();
            counters.successes = in.readLong();
            counters.failures = in.readLong();
            counters.inFlight = in.readLong();
            counters.legacyFails = in.readLong();
            counters.lastFailureMillis = in.readLong();
            counters.latencies = in.readDoubleArray();
            counters.latencyTimes = in.readLongArray();
            counters.firstTokenLatencies = in.readDoubleArray();
            counters.firstTokenTimes = in.readLongArray();
            return counters;
        }

        @Override
        public int getTypeId() {
            return COUNTERS;
        }
    }

    private static final class DeltaSerializer implements StreamSerializer<UsageDelta> {
        @Override
        public void write(ObjectDataOutput out, UsageDelta delta) throws IOException {
            out.writeLong(delta.window);
            out.writeLong(delta.requests);
            out.writeLong(delta.tokens);
            out.writeLong(delta.successes);
            out.writeLong(delta.inFlight);
            out.writeLongArray(delta.failureTimes);
            out.writeLong(delta.legacyWindowMillis);
            out.writeDoubleArray(delta.latencies);
            out.writeLongArray(delta.latencyTimes);
            out.writeDoubleArray(delta.firstTokens);
            out.writeLongArray(delta.firstTokenTimes);
            out.writeInt(delta.maxSamples);
        }

        @Override
        public UsageDelta read(ObjectDataInput in) throws IOException {
            UsageDelta delta = new UsageDelta();
            delta.window = in.readLong();
            delta.requests = in.readLong();
            delta.tokens = in.readLong();
            delta.successes = in.readLong();
            delta.inFlight = in.readLong();
            delta.failureTimes = in.readLongArray();
            delta.legacyWindowMillis = in.readLong();
            delta.latencies = in.readDoubleArray();
            delta.latencyTimes = in.readLongArray();
            delta.firstTokens = in.readDoubleArray();
            delta.firstTokenTimes = in.readLongArray();
            delta.maxSamples = in.readInt();
            return delta;
        }

        @Override
        public int getTypeId() {
            return DELTA;
        }
    }

    private static final class SnapshotSerializer implements StreamSerializer<UsageSnapshot> {
        @Override
        public void write(ObjectDataOutput out, UsageSnapshot snapshot) throws IOException {
            out.writeLong(snapshot.window());
            out.writeLong(snapshot.requests());
            out.writeLong(snapshot.tokens());
            out.writeLong(snapshot.successes());
            out.writeLong(snapshot.failures());
            out.writeLong(snapshot.inFlight());
            out.writeLong(snapshot.legacyFails());
            out.writeDoubleArray(snapshot.latencies());
            out.writeLongArray(snapshot.latencyTimes());
            out.writeDoubleArray(snapshot.firstTokenLatencies());
            out.writeLongArray(snapshot.firstTokenTimes());
        }

        @Override
        public UsageSnapshot read(ObjectDataInput in) throws IOException {
            return new UsageSnapshot(
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readDoubleArray(),
                    in.readLongArray(),
                    in.readDoubleArray(),
                    in.readLongArray());
        }

        @Override
        public int getTypeId() {
            return SNAPSHOT;
        }
    }

    private static final class AdmissionSerializer implements StreamSerializer<Admission> {
        @Override
        public void write(ObjectDataOutput out, Admission admission) throws IOException {
            out.writeBoolean(admission.admitted());
            out.writeObject(admission.usage());
        }

        @Override
        public Admission read(ObjectDataInput in) throws IOException {
            return new Admission(in.readBoolean(), in.readObject());
        }

        @Override
        public int getTypeId() {
            return ADMISSION;
        }
    }

    private static final class ApplyDeltaSerializer implements StreamSerializer<ApplyDeltaProcessor> {
        @Override
        public void write(ObjectDataOutput out, ApplyDeltaProcessor processor) throws IOException {
            out.writeLong(processor.currentWindow);
            out.writeObject(processor.delta);
        }

        @Override
        public ApplyDeltaProcessor read(ObjectDataInput in) throws IOException {
            long currentWindow = in.readLong();
            return new ApplyDeltaProcessor(in.readObject(), currentWindow);
        }

        @Override
        public int getTypeId() {
            return APPLY_DELTA;
        }
    }

    private static final class ReadSnapshotSerializer implements StreamSerializer<SnapshotProcessor> {
        @Override
        public void write(ObjectDataOutput out, SnapshotProcessor processor) {
            // Stateless: the type id says it all.
        }

        @Override
        public SnapshotProcessor read(ObjectDataInput in) {
            return new SnapshotProcessor();
        }

        @Override
        public int getTypeId() {
            return READ_SNAPSHOT;
        }
    }

    private static final class AdmitSerializer implements StreamSerializer<AdmitProcessor> {
        @Override
        public void write(ObjectDataOutput out, AdmitProcessor processor) throws IOException {
            out.writeLong(processor.window);
            out.writeLong(processor.rpmLimit);
            out.writeLong(processor.tpmLimit);
            out.writeLong(processor.tokens);
        }

        @Override
        public AdmitProcessor read(ObjectDataInput in) throws IOException {
            return new AdmitProcessor(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }

        @Override
        public int getTypeId() {
            return ADMIT;
        }
    }

    private static final class CompleteSerializer implements StreamSerializer<CompleteProcessor> {
        @Override
        public void write(ObjectDataOutput out, CompleteProcessor processor) throws IOException {
            CallOutcome outcome = processor.outcome;
            out.writeLong(processor.currentWindow);
            out.writeBoolean(outcome.admitted());
            out.writeLong(outcome.admittedWindow());
            out.writeLong(outcome.tokenCorrection());
            out.writeBoolean(outcome.success());
            out.writeBoolean(outcome.judged());
            writeNullable(out, outcome.latencySeconds());
            writeNullable(out, outcome.firstTokenSeconds());
            out.writeInt(outcome.maxSamples());
            out.writeLong(outcome.endedAtMillis());
            out.writeLong(outcome.legacyFailWindowMillis());
        }

        @Override
        public CompleteProcessor read(ObjectDataInput in) throws IOException {
            long currentWindow = in.readLong();
            CallOutcome outcome = new CallOutcome(
                    in.readBoolean(),
                    in.readLong(),
                    in.readLong(),
                    in.readBoolean(),
                    in.readBoolean(),
                    readNullable(in),
                    readNullable(in),
                    in.readInt(),
                    in.readLong(),
                    in.readLong());
            return new CompleteProcessor(outcome, currentWindow);
        }

        @Override
        public int getTypeId() {
            return COMPLETE;
        }

        private static void writeNullable(ObjectDataOutput out, Double value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeDouble(value);
            }
        }

        private static Double readNullable(ObjectDataInput in) throws IOException {
            return in.readBoolean() ? in.readDouble() : null;
        }
    }
}
