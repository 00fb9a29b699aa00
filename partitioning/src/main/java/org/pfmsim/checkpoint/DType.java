package org.pfmsim.checkpoint;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types this reader converts to float32, with their safetensors names. Data are
 * little-endian (the safetensors specification).
 */
public enum DType {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** The dtype named {@code name} in a header, or null when it is not one of ours. */
    static DType byName(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(" "));
    }

    /** Decodes {@code count} little-endian elements from {@code src[srcOff...]} into {@code out[outOff...]}. */
    void decode(byte[] src, int srcOff, float[] out, int outOff, int count) {
        switch (this) {
            case F32 -> {
                for (int k = 0, b = srcOff; k < count; k++, b += 4) {
                    out[outOff + k] = Float.intBitsToFloat((src[b] & 0xff) | (src[b + 1] & 0xff) << 8
                            | (src[b + 2] & 0xff) << 16 | (src[b + 3] & 0xff) << 24);
                }
            }
            case F16 -> {
                for (int k = 0, b = srcOff; k < count; k++, b += 2) {
                    out[outOff + k] = HalfFloats.f16ToFloat((src[b] & 0xff) | (src[b + 1] & 0xff) << 8);
                }
            }
            case BF16 -> {
                for (int k = 0, b = srcOff; k < count; k++, b += 2) {
                    out[outOff + k] = HalfFloats.bf16ToFloat((src[b] & 0xff) | (src[b + 1] & 0xff) << 8);
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** Encodes {@code values} little-endian into {@code dst} (rounding to nearest even for 16-bit types). */
    void encode(float[] values, byte[] dst) {
        for (int k = 0; k < values.length; k++) {
            int bits = switch (this) {
                case F32 -> Float.floatToRawIntBits(values[k]);
                case F16 -> HalfFloats.floatToF16(values[k]);
                case BF16 -> HalfFloats.floatToBf16(values[k]);
            };
            for (int i = 0; i < bytes; i++) {
                dst[k * bytes + i] = (byte) (bits >>> (8 * i));
            }
        }
    }
}
