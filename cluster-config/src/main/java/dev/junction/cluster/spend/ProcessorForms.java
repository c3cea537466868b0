package dev.junction.cluster.spend;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.UUID;

/** The serialized forms of the two per-call processors, which {@link SpendSerializers} registers. */
final class ProcessorForms {
    private ProcessorForms() {}

    static void writeUuid(ObjectDataOutput out, UUID uuid) throws IOException {
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    static UUID readUuid(ObjectDataInput in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void writeCall(ObjectDataOutput out, CallProcessor<?> call) throws IOException {
        writeUuid(out, call.member);
        out.writeLong(call.periodMillis);
        out.writeDouble(call.storedSpend);
        out.writeLong(call.storedResetAtMillis);
        out.writeLong(call.nowMillis);
    }

    static void writeReserve(ObjectDataOutput out, ReserveProcessor reserve) throws IOException {
        writeCall(out, reserve);
        out.writeDouble(reserve.maxBudget);
        out.writeDouble(reserve.estimate);
    }

    static ReserveProcessor readReserve(ObjectDataInput in) throws IOException {
        UUID member = readUuid(in);
        long period = in.readLong();
        double storedSpend = in.readDouble();
        long storedResetAt = in.readLong();
        long now = in.readLong();
        double maxBudget = in.readDouble();
        double estimate = in.readDouble();
        return new ReserveProcessor(member, maxBudget, period, storedSpend, storedResetAt, estimate, now);
    }

    static void writeSettle(ObjectDataOutput out, SettleProcessor settle) throws IOException {
        writeCall(out, settle);
        out.writeDouble(settle.reserved);
        out.writeDouble(settle.actual);
    }

    static SettleProcessor readSettle(ObjectDataInput in) throws IOException {
        UUID member = readUuid(in);
        long period = in.readLong();
        double storedSpend = in.readDouble();
        long storedResetAt = in.readLong();
        long now = in.readLong();
        double reserved = in.readDouble();
        double actual = in.readDouble();
        return new SettleProcessor(member, reserved, actual, period, storedSpend, storedResetAt, now);
    }
}
