package org.pfmsim.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pfmsim.decoder.TokenBatch;
import org.pfmsim.results.OutputRecord;

/** Rows of the outputs table: every score up to 1024 classes, the top k above, positions of sequences. */
class OutputRowsTest {
    @Test
    void aboveTheLimitEachChainKeepsItsTopKHighestFirstTiesToTheLowerClass() {
        int classes = 1500;
        float[] physical = new float[2 * classes];
        float[] digital = new float[2 * classes];
        for (int c = 0; c < classes; c++) {
            physical[c] = (c * 7919) % classes; // a permutation of 0 .. classes-1
            digital[c] = c % 10; // nine-way ties at the top: classes 9, 19, 29, ...
            physical[classes + c] = -c;
            digital[classes + c] = c;
        }
        List<OutputRecord> rows = ResultRecords.outputs("r", physical, digital, classes,
                new int[] {3, TokenBatch.NO_LABEL}, 2, 4);
        assertEquals(2, rows.size());
        OutputRecord first = rows.get(0);
        assertEquals(0, first.sample());
        assertEquals(0, first.position());
        assertEquals(3, first.label());
        assertArrayEquals(new float[] {1499, 1498, 1497, 1496}, first.physical());
        for (int i = 0; i < 4; i++) {
            assertEquals(physical[first.physicalClasses()[i]], first.physical()[i]);
        }
        assertArrayEquals(new int[] {9, 19, 29, 39}, first.digitalClasses(), "ties: lower class first");
        assertArrayEquals(new float[] {9, 9, 9, 9}, first.digital());
        assertEquals(9, first.digitalTop1());
        assertEquals(first.physicalClasses()[0], first.physicalTop1());
        OutputRecord second = rows.get(1);
        assertEquals(0, second.sample(), "two positions per sample: the same sequence");
        assertEquals(1, second.position());
        assertNull(second.label());
        assertArrayEquals(new int[] {0, 1, 2, 3}, second.physicalClasses());
        assertArrayEquals(new int[] {1499, 1498, 1497, 1496}, second.digitalClasses());
    }

    @Test
    void upToTheLimitEveryScoreIsKeptWithoutAClassList() {
        float[] physical = {1, 5, 2, 0, 0, 3};
        float[] digital = {4, 1, 1, 2, 9, 9};
        List<OutputRecord> rows = ResultRecords.outputs("r", physical, digital, 3, null, 1, 2);
        assertEquals(1, rows.get(1).sample());
        assertArrayEquals(new float[] {0, 0, 3}, rows.get(1).physical());
        assertNull(rows.get(1).physicalClasses());
        assertNull(rows.get(1).label());
        assertEquals(1, rows.get(1).digitalTop1(), "first of tied classes");
    }
}
