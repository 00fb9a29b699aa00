package org.pfmsim.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;
import org.pfmsim.scaling.BudgetPicker.Pick;
import org.pfmsim.scaling.BudgetPicker.Point;

class BudgetPickerTest {
    private static final FidelityMetric ERR = FidelityMetric.REL_ERROR_CHAIN;

    @Test
    void picksTheSmallestBudgetFromWhichEveryLargerOneMeetsTheTarget() {
        // 3 bits meets by luck but 4 does not: 5 is the budget that holds.
        List<Point> points = List.of(new Point(2, 0.4, "a"), new Point(3, 0.04, "b"), new Point(4, 0.06, "c"),
                new Point(5, 0.03, "d"), new Point(6, 0.02, "e"));
        Pick p = BudgetPicker.pick(points, ERR, 0.05, false, "k");
        assertEquals(5, p.budget());
        assertEquals("d", p.runId());
        assertFalse(p.interpolated());
    }

    @Test
    void repeatedBudgetsCountByTheirWorstRun() {
        List<Point> points = List.of(new Point(4, 0.04, "s1"), new Point(4, 0.07, "s2"), new Point(8, 0.01, "x"));
        assertEquals(8, BudgetPicker.pick(points, ERR, 0.05, false, "k").budget());
    }

    @Test
    void floorsWorkForSnr() {
        List<Point> points = List.of(new Point(1, 10, "a"), new Point(10, 20, "b"), new Point(100, 30, "c"));
        assertEquals(10, BudgetPicker.pick(points, FidelityMetric.SNR_DB_CHAIN, 15, false, "k").budget());
    }

    @Test
    void interpolatesOnAPowerLawExactly() {
        // error = 0.5 / sqrt(budget): at 0.05 the budget is exactly 100.
        List<Point> points = List.of(new Point(10, 0.5 / Math.sqrt(10), "a"), new Point(1000, 0.5 / Math.sqrt(1000), "b"));
        Pick p = BudgetPicker.pick(points, ERR, 0.05, true, "k");
        assertTrue(p.interpolated());
        assertEquals(100, p.budget(), 1e-9);
        // dB are already logarithmic: snr_db = 10 log10(budget) -> 15 dB at 10^1.5
        List<Point> snr = List.of(new Point(10, 10, "a"), new Point(100, 20, "b"));
        assertEquals(Math.pow(10, 1.5), BudgetPicker.pick(snr, FidelityMetric.SNR_DB_CHAIN, 15, true, "k").budget(), 1e-9);
    }

    @Test
    void notReachedNamesTheBestFidelitySeen() {
        List<Point> points = List.of(new Point(2, 0.4, "a"), new Point(4, 0.12, "bb"), new Point(6, 0.09, "c"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> BudgetPicker.pick(points, ERR, 0.05, false, "platform.crossbar.adc.bits"));
        assertEquals("calibration target rel_error_chain <= 0.05 not reached: the best is rel_error_chain = 0.0900000 "
                + "at platform.crossbar.adc.bits = 6 (run c) over 3 budgets from 2 to 6", e.getMessage());
    }
}
