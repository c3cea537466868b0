package dev.junction.cluster.spend;

import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;
import java.util.List;

/**
 * Hazelcast serializers for the budget counters and the two entry processors that every call of a key or team
 * with a budget runs (reserve before, settle after): their fields as they are, instead of Java serialization's
 * class descriptors, as {@code StateSerializers} does for the routing state.
 */
public final class SpendSerializers {
    /** Hazelcast type ids, after the routing state's. */
    private static final int COUNTER = 1101;

    private static final int STATE = 1102;
    private static final int RESERVATION = 1103;
    private static final int RESERVE = 1104;
    private static final int SETTLE = 1105;

    private SpendSerializers() {}

    public static List<SerializerConfig> configs() {
        return List.of(
                config(SpendCounter.class, new CounterSerializer()),
                config(SpendState.class, new StateSerializer()),
                config(Reservation.class, new ReservationSerializer()),
                config(ReserveProcessor.class, new ReserveSerializer()),
                config(SettleProcessor.class, new SettleSerializer()));
    }

    private static SerializerConfig config(Class<?> type, StreamSerializer<?> serializer) {
        return new SerializerConfig().setTypeClass(type).setImplementation(serializer);
    }

    private static final class CounterSerializer implements StreamSerializer<SpendCounter> {
        @Override
        public void write(ObjectDataOutput out, SpendCounter counter) throws IOException {
            out.writeDouble(counter.spend);
            out.writeDouble(counter.reserved);
            out.writeLong(counter.resetAtMillis);
        }

        @Override
        public SpendCounter read(ObjectDataInput in) throws IOException {
            SpendCounter counter = new SpendCounter();
            counter.spend = in.readDouble();
            counter.reserved = in.readDouble();
            counter.resetAtMillis = in.readLong();
            return counter;
        }

        @Override
        public int getTypeId() {
            return COUNTER;
        }
    }

    private static final class StateSerializer implements StreamSerializer<SpendState> {
        @Override
        public void write(ObjectDataOutput out, SpendState state) throws IOException {
            out.writeDouble(state.spend());
            out.writeDouble(state.reserved());
            out.writeLong(state.resetAtMillis());
        }

        @Override
        public SpendState read(ObjectDataInput in) throws IOException {
            return new SpendState(in.readDouble(), in.readDouble(), in.readLong());
        }

        @Override
        public int getTypeId() {
            return STATE;
        }
    }

    private static final class ReservationSerializer implements StreamSerializer<Reservation> {
        @Override
        public void write(ObjectDataOutput out, Reservation reservation) throws IOException {
            out.writeBoolean(reservation.admitted());
            out.writeObject(reservation.state());
            out.writeBoolean(reservation.periodReset());
        }

        @Override
        public Reservation read(ObjectDataInput in) throws IOException {
            boolean admitted = in.readBoolean();
            SpendState state = in.readObject();
            return new Reservation(admitted, state, in.readBoolean());
        }

        @Override
        public int getTypeId() {
            return RESERVATION;
        }
    }

    private static final class ReserveSerializer implements StreamSerializer<ReserveProcessor> {
        @Override
        public void write(ObjectDataOutput out, ReserveProcessor processor) throws IOException {
            out.writeDouble(processor.maxBudget);
            out.writeLong(processor.periodMillis);
            out.writeDouble(processor.storedSpend);
            out.writeLong(processor.storedResetAtMillis);
            out.writeDouble(processor.estimate);
            out.writeLong(processor.nowMillis);
        }

        @Override
        public ReserveProcessor read(ObjectDataInput in) throws IOException {
            return new ReserveProcessor(
                    in.readDouble(), in.readLong(), in.readDouble(), in.readLong(), in.readDouble(), in.readLong());
        }

        @Override
        public int getTypeId() {
            return RESERVE;
        }
    }

    private static final class SettleSerializer implements StreamSerializer<SettleProcessor> {
        @Override
        public void write(ObjectDataOutput out, SettleProcessor processor) throws IOException {
            out.writeDouble(processor.reserved);
            out.writeDouble(processor.actual);
        }

        @Override
        public SettleProcessor read(ObjectDataInput in) throws IOException {
            return new SettleProcessor(in.readDouble(), in.readDouble());
        }

        @Override
        public int getTypeId() {
            return SETTLE;
        }
    }
}
