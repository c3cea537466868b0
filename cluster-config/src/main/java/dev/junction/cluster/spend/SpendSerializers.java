package dev.junction.cluster.spend;

import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hazelcast serializers for the budget counters, their answers and the entry processors that every call of a
 * key or team runs (reserve before, settle after): their fields as they are, instead of Java serialization's
 * class descriptors, as {@code StateSerializers} does for the routing state. A type whose form changes takes a
 * new id (1101 and 1104-1105 were the counter and processors without member shares), so that two versions in
 * one cluster fail to read each other's forms instead of misreading them.
 */
public final class SpendSerializers {
    private static final int STATE = 1102;
    private static final int RESERVATION = 1103;
    private static final int COUNTER = 1106;
    private static final int RESERVE = 1107;
    private static final int SETTLE = 1108;
    private static final int SET_SPEND = 1109;
    private static final int TAKE_WRITE = 1110;
    private static final int WRITTEN = 1111;
    private static final int WRITE = 1112;
    private static final int RELEASE_SHARE = 1113;

    private SpendSerializers() {}

    public static List<SerializerConfig> configs() {
        return List.of(
                config(SpendCounter.class, COUNTER, SpendSerializers::writeCounter, SpendSerializers::readCounter),
                config(SpendState.class, STATE, SpendSerializers::writeState, SpendSerializers::readState),
                config(
                        Reservation.class,
                        RESERVATION,
                        (out, reservation) -> {
                            out.writeBoolean(reservation.admitted());
                            writeState(out, reservation.state());
                            out.writeBoolean(reservation.periodReset());
                        },
                        in -> new Reservation(in.readBoolean(), readState(in), in.readBoolean())),
                config(
                        SpendWrite.class,
                        WRITE,
                        (out, write) -> {
                            out.writeString(write.subjectId());
                            out.writeString(write.writeId());
                            out.writeDouble(write.amount());
                            out.writeBoolean(write.reset());
                            out.writeLong(write.resetAtMillis());
                        },
                        in -> new SpendWrite(
                                in.readString(), in.readString(), in.readDouble(), in.readBoolean(), in.readLong())),
                config(ReserveProcessor.class, RESERVE, ProcessorForms::writeReserve, ProcessorForms::readReserve),
                config(SettleProcessor.class, SETTLE, ProcessorForms::writeSettle, ProcessorForms::readSettle),
                config(
                        SetSpendProcessor.class,
                        SET_SPEND,
                        (out, set) -> {
                            out.writeDouble(set.spend);
                            out.writeLong(set.resetAtMillis);
                        },
                        in -> new SetSpendProcessor(in.readDouble(), in.readLong())),
                config(
                        TakeWriteProcessor.class,
                        TAKE_WRITE,
                        (out, take) -> out.writeString(take.writeId),
                        in -> new TakeWriteProcessor(in.readString())),
                config(
                        WrittenProcessor.class,
                        WRITTEN,
                        (out, written) -> out.writeString(written.writeId),
                        in -> new WrittenProcessor(in.readString())),
                config(
                        ReleaseShareProcessor.class,
                        RELEASE_SHARE,
                        (out, release) -> ProcessorForms.writeUuid(out, release.share),
                        in -> new ReleaseShareProcessor(ProcessorForms.readUuid(in))));
    }

    private static void writeState(ObjectDataOutput out, SpendState state) throws IOException {
        out.writeDouble(state.spend());
        out.writeDouble(state.reserved());
        out.writeLong(state.resetAtMillis());
    }

    private static SpendState readState(ObjectDataInput in) throws IOException {
        return new SpendState(in.readDouble(), in.readDouble(), in.readLong());
    }

    private static void writeCounter(ObjectDataOutput out, SpendCounter counter) throws IOException {
        out.writeLong(counter.resetAtMillis);
        out.writeLong(counter.generation);
        out.writeDouble(counter.base);
        out.writeBoolean(counter.resetUnwritten);
        out.writeInt(counter.shares.size());
        for (Map.Entry<UUID, MemberShare> entry : counter.shares.entrySet()) {
            ProcessorForms.writeUuid(out, entry.getKey());
            MemberShare share = entry.getValue();
            out.writeDouble(share.spend);
            out.writeDouble(share.reserved);
            out.writeDouble(share.written);
            out.writeLong(share.version);
        }
        PendingWrite writing = counter.writing;
        out.writeBoolean(writing != null);
        if (writing != null) {
            out.writeString(writing.writeId());
            out.writeDouble(writing.amount());
            out.writeBoolean(writing.reset());
            out.writeLong(writing.resetAtMillis());
            out.writeLong(writing.generation());
            out.writeInt(writing.upTo().size());
            for (Map.Entry<UUID, Double> upTo : writing.upTo().entrySet()) {
                ProcessorForms.writeUuid(out, upTo.getKey());
                out.writeDouble(upTo.getValue());
            }
        }
    }

    private static SpendCounter readCounter(ObjectDataInput in) throws IOException {
        SpendCounter counter = new SpendCounter();
        counter.resetAtMillis = in.readLong();
        counter.generation = in.readLong();
        counter.base = in.readDouble();
        counter.resetUnwritten = in.readBoolean();
        int shares = in.readInt();
        for (int i = 0; i < shares; i++) {
            UUID member = ProcessorForms.readUuid(in);
            MemberShare share = new MemberShare();
            share.spend = in.readDouble();
            share.reserved = in.readDouble();
            share.written = in.readDouble();
            share.version = in.readLong();
            counter.shares.put(member, share);
        }
        if (in.readBoolean()) {
            String writeId = in.readString();
            double amount = in.readDouble();
            boolean reset = in.readBoolean();
            long resetAtMillis = in.readLong();
            long generation = in.readLong();
            int count = in.readInt();
            Map<UUID, Double> upTo = new HashMap<>();
            for (int i = 0; i < count; i++) {
                upTo.put(ProcessorForms.readUuid(in), in.readDouble());
            }
            counter.writing = new PendingWrite(writeId, amount, reset, resetAtMillis, generation, upTo);
        }
        return counter;
    }

    /** How one type is written and read. */
    interface Form<T> {
        void write(ObjectDataOutput out, T value) throws IOException;
    }

    interface Reading<T> {
        T read(ObjectDataInput in) throws IOException;
    }

    private static <T> SerializerConfig config(Class<T> type, int typeId, Form<T> form, Reading<T> reading) {
        StreamSerializer<T> serializer = new StreamSerializer<>() {
            @Override
            public void write(ObjectDataOutput out, T value) throws IOException {
                form.write(out, value);
            }

            @Override
            public T read(ObjectDataInput in) throws IOException {
                return reading.read(in);
            }

            @Override
            public int getTypeId() {
                return typeId;
            }
        };
        return new SerializerConfig().setTypeClass(type).setImplementation(serializer);
    }
}
