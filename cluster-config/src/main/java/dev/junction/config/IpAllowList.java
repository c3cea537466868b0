package dev.junction.config;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code general_settings.allowed_ips}: addresses (IPv4 or IPv6), CIDR blocks ({@code 10.0.0.0/8}) and
 * {@code localhost} (both loopback addresses). LiteLLM compares the client's address as text with each entry;
 * here an entry is an address or a block, so {@code ::1} and {@code 0:0:0:0:0:0:0:1} are the same address.
 * Nothing is ever looked up in DNS.
 */
public final class IpAllowList {
    private final List<String> entries;
    private final List<Block> blocks;

    private IpAllowList(List<String> entries, List<Block> blocks) {
        this.entries = List.copyOf(entries);
        this.blocks = List.copyOf(blocks);
    }

    /**
     * @throws IllegalArgumentException naming the first entry that is not an address or a block
     */
    public static IpAllowList of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.strip();
            if (text.equalsIgnoreCase("localhost")) {
                blocks.add(block("127.0.0.0/8", entry));
                blocks.add(block("::1", entry));
            } else {
                blocks.add(block(text, entry));
            }
        }
        return new IpAllowList(entries, blocks);
    }

    /** Whether {@code address} (an IP address as text; anything else never is) is allowed. */
    public boolean allows(String address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address.strip());
        if (bytes == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    public List<String> entries() {
        return entries;
    }

    private static Block block(String text, String entry) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new IllegalArgumentException(
                    "'" + entry + "' is not an IP address or a CIDR block such as 10.0.0.0/8 (names are not resolved)");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException notANumber) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException(
                        "'" + entry + "' has a prefix length outside 0.." + bytes.length * 8);
            }
        }
        return new Block(bytes, bits);
    }

    /** An address and how many of its leading bits a match must share. */
    private record Block(byte[] address, int bits) {
        boolean contains(byte[] candidate) {
            byte[] other = candidate;
            if (other.length != address.length) {
                other = mapped(candidate, address.length);
                if (other == null) {
                    return false;
                }
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (other[whole] & mask) == (address[whole] & mask);
        }

        /** An IPv4 address as its IPv4-mapped IPv6 form (::ffff:a.b.c.d) or back, so both forms match. */
        private static byte[] mapped(byte[] candidate, int length) {
            if (candidate.length == 4 && length == 16) {
                byte[] six = new byte[16];
                six[10] = (byte) 0xFF;
                six[11] = (byte) 0xFF;
                System.arraycopy(candidate, 0, six, 12, 4);
                return six;
            }
            if (candidate.length == 16 && length == 4 && isMapped(candidate)) {
                byte[] four = new byte[4];
                System.arraycopy(candidate, 12, four, 0, 4);
                return four;
            }
            return null;
        }

        private static boolean isMapped(byte[] six) {
            for (int i = 0; i < 10; i++) {
                if (six[i] != 0) {
                    return false;
                }
            }
            return six[10] == (byte) 0xFF && six[11] == (byte) 0xFF;
        }
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
