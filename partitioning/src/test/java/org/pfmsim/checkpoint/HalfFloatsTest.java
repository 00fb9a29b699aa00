package org.pfmsim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** F16 and BF16 against the IEEE 754 definitions, every bit pattern, and round-to-nearest-even. */
class HalfFloatsTest {
    /** binary16 by its definition (IEEE 754-2008 section 3.4), in double: an independent reference. */
    private static double f16ByDefinition(int h) {
        int s = h >>> 15 & 1;
        int e = h >>> 10 & 0x1f;
        int m = h & 0x3ff;
        double sign = s == 1 ? -1 : 1;
        if (e == 0x1f) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return e == 0 ? sign * Math.scalb((double) m, -24) : sign * Math.scalb(1 + m / 1024.0, e - 15);
    }

    @Test
    void everyF16BitPatternDecodesToItsDefinedValueAndEncodesBackToItself() {
        for (int h = 0; h < 1 << 16; h++) {
            float f = HalfFloats.f16ToFloat(h);
            double expected = f16ByDefinition(h);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(f), Integer.toHexString(h));
                assertEquals(h | 0x200, HalfFloats.floatToF16(f), "NaN stays NaN (quieted): " + Integer.toHexString(h));
            } else {
                assertEquals(expected, f, 0.0, Integer.toHexString(h));
                assertEquals(Double.doubleToRawLongBits(expected) >>> 63, Float.floatToRawIntBits(f) >>> 31);
                assertEquals(h, HalfFloats.floatToF16(f), Integer.toHexString(h));
            }
        }
    }

    @Test
    void knownF16Values() {
        assertEquals(1.0f, HalfFloats.f16ToFloat(0x3c00));
        assertEquals(65504f, HalfFloats.f16ToFloat(0x7bff), "largest finite");
        assertEquals(0x1p-24f, HalfFloats.f16ToFloat(0x0001), "smallest subnormal");
        assertEquals(1023 * 0x1p-24f, HalfFloats.f16ToFloat(0x03ff), "largest subnormal");
        assertEquals(0x1p-14f, HalfFloats.f16ToFloat(0x0400), "smallest normal");
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.f16ToFloat(0xfc00));
        assertEquals(0x80000000, Float.floatToRawIntBits(HalfFloats.f16ToFloat(0x8000)), "-0");
    }

    @Test
    void f16EncodingRoundsToNearestTiesToEven() {
        assertEquals(0x3c00, HalfFloats.floatToF16(1 + 0x1p-11f), "tie between 1 and 1+2^-10 goes to even 1");
        assertEquals(0x3c02, HalfFloats.floatToF16(1 + 3 * 0x1p-11f), "tie goes to even 1+2^-9");
        assertEquals(0x3c01, HalfFloats.floatToF16(1 + 0x1p-11f + 0x1p-20f), "above the tie rounds up");
        assertEquals(0x7bff, HalfFloats.floatToF16(65519f), "below the overflow threshold");
        assertEquals(0x7c00, HalfFloats.floatToF16(65520f), "65520 is the tie with 2^16: rounds to infinity");
        assertEquals(0x0000, HalfFloats.floatToF16(0x1p-25f), "half the smallest subnormal ties to even zero");
        assertEquals(0x0001, HalfFloats.floatToF16(0x1.8p-25f), "above half rounds up to the smallest subnormal");
        assertEquals(0x0400, HalfFloats.floatToF16(0x1.ffcp-15f), "a carry out of the subnormals gives the smallest normal");
        assertEquals(0x8000, HalfFloats.floatToF16(-Float.MIN_VALUE), "float subnormals are below binary16's range");
    }

    @Test
    void everyBf16BitPatternIsTheUpperHalfOfAFloat32AndEncodesBackToItself() {
        for (int b = 0; b < 1 << 16; b++) {
            float f = HalfFloats.bf16ToFloat(b);
            assertEquals(b << 16, Float.floatToRawIntBits(f));
            assertEquals(Float.isNaN(f) ? b | 0x40 : b, HalfFloats.floatToBf16(f), Integer.toHexString(b));
        }
        assertEquals(0x3f80, HalfFloats.floatToBf16(1 + 0x1p-8f), "tie to even 1");
        assertEquals(0x3f82, HalfFloats.floatToBf16(1 + 3 * 0x1p-8f), "tie to even");
        assertEquals(0x7f80, HalfFloats.floatToBf16(Float.MAX_VALUE), "overflow rounds to infinity");
    }
}
