package org.pfmsim.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.pfmsim.spark.SparkSessions;
import scala.reflect.ClassTag$;

/** A unit's result survives Spark's Kryo serializer, as configured for every session, field for field. */
class UnitResultSerializerTest {
    private final SerializerInstance kryo = new KryoSerializer(SparkSessions.conf("kryo-test")).newInstance();

    @Test
    void everyFieldAndEveryTileSampleRoundTrips() {
        UnitResult sent = new UnitResult(3_000_000_000L, 17, 2, new double[] {1.5, -0.0, Double.MIN_VALUE, 4e300},
                new double[] {Double.NaN, 2, 3, Double.NEGATIVE_INFINITY}, new double[] {5, 6, 7, 8}, 9, 1.25e-12,
                3.5e-9, 2.5e-7, 11, 12, List.of(
                        new TileSample(17, 3_000_000_000L, 512, 2, 0.031, 4.5e-13, 7, 1, 2),
                        new TileSample(18, 3_000_000_000L, 100, 2, 0.0, 0.0, 0, 0, 0)));
        UnitResult got = roundTrip(sent);
        assertEquals(sent.colTile, got.colTile);
        assertEquals(sent.rowTileStart, got.rowTileStart);
        assertEquals(sent.cols, got.cols);
        assertArrayEquals(sent.physical, got.physical);
        assertArrayEquals(sent.local, got.local);
        assertArrayEquals(sent.ideal, got.ideal);
        assertEquals(sent.tiles, got.tiles);
        assertEquals(sent.energyJoules, got.energyJoules);
        assertEquals(sent.latencySeconds, got.latencySeconds);
        assertEquals(sent.areaSquareMeters, got.areaSquareMeters);
        assertEquals(sent.inputsClipped, got.inputsClipped);
        assertEquals(sent.outputsClipped, got.outputsClipped);
        assertEquals(sent.samples.length, got.samples.length);
        for (int k = 0; k < sent.samples.length; k++) {
            TileSample s = sent.samples[k];
            TileSample g = got.samples[k];
            assertArrayEquals(new long[] {s.tileRow, s.tileCol, s.rows, s.cols, s.stuckDevices, s.inputsClipped,
                s.outputsClipped}, new long[] {g.tileRow, g.tileCol, g.rows, g.cols, g.stuckDevices, g.inputsClipped,
                g.outputsClipped}, "sample " + k);
            assertArrayEquals(new double[] {s.relError, s.energyJoules}, new double[] {g.relError, g.energyJoules},
                    "sample " + k);
        }
    }

    @Test
    void aResultWithoutSamplesRoundTrips() {
        UnitResult got = roundTrip(new UnitResult(0, 0, 1, new double[] {1}, new double[] {2}, new double[] {3}, 1,
                0, 0, 0, 0, 0, List.of()));
        assertEquals(0, got.samples.length);
        assertArrayEquals(new double[] {3}, got.ideal);
    }

    private UnitResult roundTrip(UnitResult u) {
        return kryo.deserialize(kryo.serialize(u, ClassTag$.MODULE$.apply(UnitResult.class)),
                ClassTag$.MODULE$.apply(UnitResult.class));
    }
}
