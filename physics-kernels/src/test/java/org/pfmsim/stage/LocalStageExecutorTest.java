package org.pfmsim.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seam's contract on the single-JVM executor: one combined result per block, blocks ascending, each block
 * combined from all its units in the stage's own order, whatever the partitioning and the thread count.
 */
class LocalStageExecutorTest {
    /** Units 0..n-1 in blocks u mod 3; a block's results joined in ascending unit order (an order-sensitive sum). */
    private static class JoinByBlock implements Stage<Integer, String, String> {
        @Override
        public String label() {
            return "join";
        }

        @Override
        public long blocks() {
            return 3;
        }

        @Override
        public String compute(Integer unit, String input) {
            return (unit % 3) + ":" + input + unit;
        }

        @Override
        public long block(String result) {
            return Long.parseLong(result.substring(0, result.indexOf(':')));
        }

        @Override
        public String combine(List<String> block) {
            return block.stream().map(r -> r.substring(r.indexOf(':') + 1))
                    .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.substring(1))))
                    .collect(Collectors.joining(","));
        }
    }

    @Test
    void blocksComeBackCombinedInTheStagesOrderWhateverThePartitioning() {
        List<String> expected = List.of("x0,x3,x6", "x1,x4", "x2,x5");
        List<List<Integer>> onePartition = List.of(List.of(0, 1, 2, 3, 4, 5, 6));
        List<List<Integer>> scattered = List.of(List.of(6, 2), List.of(4, 0, 5), List.of(), List.of(3, 1));
        assertEquals(expected, new LocalStageExecutor().run(new JoinByBlock(), onePartition, "x"));
        assertEquals(expected, new LocalStageExecutor().run(new JoinByBlock(), scattered, "x"));
        assertEquals(expected, new LocalStageExecutor(3).run(new JoinByBlock(), scattered, "x"));
    }

    @Test
    void aUnitsFailureReachesTheCallerFromAPooledThread() {
        Stage<Integer, String, String> failing = new JoinByBlock() {
            @Override
            public String compute(Integer unit, String input) {
                throw new IllegalArgumentException("unit " + unit);
            }
        };
        assertEquals("unit 7", assertThrows(IllegalArgumentException.class,
                () -> new LocalStageExecutor(2).run(failing, List.of(List.of(7)), "x")).getMessage());
    }
}
