package org.pfmsim.crossbar;

import org.pfmsim.converters.DacSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pfmsim.scaling.ScalingPoint;
import org.pfmsim.scaling.Workload;
import org.pfmsim.platform.PhysicalTile;
import org.pfmsim.platform.ReadRequest;
import org.pfmsim.platform.Readout;
import org.pfmsim.platform.TileAddress;

/**
 * The closed-form crossbar cost against an independent reference: the simulator's own per-device
 * accounting ({@code CrossbarTile}: sum of V^2 (G+ + G-) t over every device and sample, plus each DAC
 * and ADC conversion), on tiles whose mean weight and mean input power are known exactly.
 */
class CrossbarCostModelTest {
    private static final int N = 64;
    private static final int SAMPLES = 10;

    @Test
    void closedFormEnergyLatencyAndAreaEqualTheSimulatedTilesAccounting() {
        // |w| / max alternates 1 and 0.5 (mean 0.75); inputs alternate full scale and 0 (mean x^2 0.5).
        check(0.75, 0.5, (i, j) -> ((i + j) % 2 == 0 ? 1f : 0.5f) * (j % 3 == 0 ? -1 : 1),
                (s, i) -> (s + i) % 2 == 0 ? ((i % 5 == 0) ? -1f : 1f) : 0f);
        // Every weight and input at full scale: fractions 1 and 1.
        check(1, 1, (i, j) -> (i * 7 + j) % 2 == 0 ? 1f : -1f, (s, i) -> (s * 3 + i) % 2 == 0 ? 1f : -1f);
    }

    interface Pattern {
        float at(int a, int b);
    }

    private static void check(double meanWeightFraction, double meanInputSquareFraction, Pattern weight, Pattern input) {
        CrossbarSpec spec = CrossbarSpec.ideal().withDac(new DacSpec(true, 8, 0))
                .withAdc(new CrossbarSpec.AdcSpec(true, 8, CrossbarSpec.AdcSpec.RangeMode.CALIBRATED, 1.0));
        float[] w = new float[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                w[i * N + j] = weight.at(i, j);
            }
        }
        float[] x = new float[SAMPLES * N];
        for (int s = 0; s < SAMPLES; s++) {
            for (int i = 0; i < N; i++) {
                x[s * N + i] = input.at(s, i);
            }
        }
        Readout simulated;
        double simulatedArea;
        try (PhysicalTile tile = new CrossbarPlatform(spec).program(w, N, N, new TileAddress(1, 0, 0, 0))) {
            simulated = tile.forward(ReadRequest.of(x, SAMPLES, 1f));
            simulatedArea = tile.areaSquareMeters();
        }
        CrossbarCostModel model = new CrossbarCostModel(new CrossbarScalingSpec(N, N, spec.gMinSiemens(),
                spec.gMaxSiemens(), spec.readVoltageVolts(), 8, meanWeightFraction, meanInputSquareFraction,
                spec.cost()));
        ScalingPoint p = model.cost(Workload.of((long) N * N, N, 1));
        double simulatedPerMac = simulated.energyJoules() / ((double) SAMPLES * N * N);
        assertEquals(simulatedPerMac, p.energyPerMacJoules(), 1e-6 * simulatedPerMac);
        assertEquals(simulated.latencySeconds() / SAMPLES, p.latencyPerTokenSeconds(), 1e-9 * p.latencyPerTokenSeconds());
        assertEquals(simulatedArea, p.areaSquareMeters(), 1e-12 * simulatedArea);
    }
}
