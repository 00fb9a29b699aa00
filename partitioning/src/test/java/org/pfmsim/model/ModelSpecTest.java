package org.pfmsim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pfmsim.config.ConfigException;

class ModelSpecTest {

    @Test
    void mlpShapesRunFromInputThroughWidthToOutput() {
        ModelSpec m = ModelSpec.mlp(784, 256, 10, 4, true, Activation.RELU, Activation.IDENTITY);
        assertEquals(4, m.depth());
        assertEquals(784, m.inputWidth());
        assertEquals(784, m.maxWidth());
        int[][] shapes = {{784, 256}, {256, 256}, {256, 256}, {256, 10}};
        for (int l = 0; l < 4; l++) {
            LayerSpec layer = m.layer(l);
            assertEquals(l, layer.index());
            assertEquals(shapes[l][0], layer.rows(), "rows of layer " + l);
            assertEquals(shapes[l][1], layer.cols(), "cols of layer " + l);
            assertTrue(layer.bias());
            assertEquals(l == 3 ? Activation.IDENTITY : Activation.RELU, layer.activation());
        }
        assertEquals(m.layers(), List.of(m.layer(0), m.layer(1), m.layer(2), m.layer(3)));
    }

    @Test
    void singleLayerMlpMapsInputStraightToOutputWithTheOutputActivation() {
        ModelSpec m = ModelSpec.mlp(30, 999, 7, 1, false, Activation.RELU, Activation.TANH);
        assertEquals(1, m.depth());
        assertEquals(new LayerSpec(0, 30, 7, false, Activation.TANH), m.layer(0));
        assertEquals(30, m.maxWidth());
    }

    @Test
    void maxWidthIsTheWidestLayerInputOrOutput() {
        assertEquals(4096, ModelSpec.mlp(16, 4096, 8, 3, false, Activation.GELU, Activation.IDENTITY).maxWidth());
        assertEquals(9000, ModelSpec.mlp(16, 512, 9000, 3, false, Activation.GELU, Activation.IDENTITY).maxWidth());
    }

    @Test
    void parameterCountIncludesBiases() {
        ModelSpec withBias = ModelSpec.mlp(784, 256, 10, 3, true, Activation.RELU, Activation.IDENTITY);
        // 784*256 + 256 + 256*256 + 256 + 256*10 + 10
        assertEquals(269_322L, withBias.parameterCount());
        ModelSpec noBias = ModelSpec.mlp(784, 256, 10, 3, false, Activation.RELU, Activation.IDENTITY);
        assertEquals(269_322L - 256 - 256 - 10, noBias.parameterCount());
        LayerSpec l = new LayerSpec(0, 3, 5, true, Activation.RELU);
        assertEquals(15, l.weightCount());
        assertEquals(20, l.parameterCount());
        assertEquals(15, new LayerSpec(0, 3, 5, false, Activation.RELU).parameterCount());
    }

    @Test
    void teraParameterCountDoesNotOverflow() {
        ModelSpec tera = ModelSpec.mlp(1_000_000, 1_000_000, 1_000_000, 1, false, Activation.RELU, Activation.IDENTITY);
        assertEquals(1_000_000_000_000L, tera.parameterCount());
        assertEquals(1_000_000_000_000L, tera.layer(0).weightCount());
        ModelSpec teraBias = ModelSpec.mlp(1_000_000, 1_000_000, 1_000_000, 1, true, Activation.RELU, Activation.IDENTITY);
        assertEquals(1_000_001_000_000L, teraBias.parameterCount());
        ModelSpec deep = ModelSpec.mlp(1000, 1_000_000, 10, 3, true, Activation.RELU, Activation.IDENTITY);
        assertEquals(1000L * 1_000_000 + 1_000_000 + 1_000_000L * 1_000_000 + 1_000_000 + 1_000_000L * 10 + 10,
                deep.parameterCount());
        // Three layers of (2^31 - 1)^2 weights exceed a long: reported, never wrapped.
        int max = Integer.MAX_VALUE;
        ModelSpec tooBig = ModelSpec.mlp(max, max, max, 3, false, Activation.RELU, Activation.IDENTITY);
        assertEquals((long) max * max, tooBig.layer(0).weightCount());
        assertThrows(ArithmeticException.class, tooBig::parameterCount);
    }

    @Test
    void tileLargerThanALayerIsRejectedNamingTheKeyAndTheLayerWidth() {
        ModelSpec m = ModelSpec.mlp(784, 256, 10, 3, true, Activation.RELU, Activation.IDENTITY);
        m.requireTileFits(256, 10);
        m.requireTileFits(1, 1);
        ConfigException rows = assertThrows(ConfigException.class, () -> m.requireTileFits(512, 10));
        assertEquals("tiling.tile-rows = 512: allowed at most the smallest layer input width (256, layer 1)",
                rows.getMessage());
        ConfigException cols = assertThrows(ConfigException.class, () -> m.requireTileFits(128, 64));
        assertEquals("tiling.tile-cols = 64: allowed at most the smallest layer output width (10, layer 2)",
                cols.getMessage());
    }

    @Test
    void tileRejectionReportsTheSmallestLayerEvenWhenAnEarlierLayerAlsoFails() {
        // Input widths 150, 100, 100: a 200-row tile fails at layer 0 already, but the bound is 100.
        ModelSpec m = ModelSpec.mlp(150, 100, 300, 3, false, Activation.RELU, Activation.IDENTITY);
        ConfigException rows = assertThrows(ConfigException.class, () -> m.requireTileFits(200, 50));
        assertEquals("tiling.tile-rows = 200: allowed at most the smallest layer input width (100, layer 1)",
                rows.getMessage());
        // Output widths 100, 100, 300 and a tile of 120 columns: the bound is 100.
        ConfigException cols = assertThrows(ConfigException.class, () -> m.requireTileFits(100, 120));
        assertEquals("tiling.tile-cols = 120: allowed at most the smallest layer output width (100, layer 0)",
                cols.getMessage());
        m.requireTileFits(100, 100);
    }

    @Test
    void mismatchedConsecutiveLayersAreRejected() {
        LayerSpec a = new LayerSpec(0, 10, 20, true, Activation.RELU);
        LayerSpec b = new LayerSpec(1, 21, 5, true, Activation.IDENTITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec(List.of(a, b)));
        assertEquals("layer 1 takes 21 inputs but layer 0 gives 20", e.getMessage());
        new ModelSpec(List.of(a, new LayerSpec(1, 20, 5, true, Activation.IDENTITY)));
        assertThrows(IllegalArgumentException.class, () -> new ModelSpec(List.of()));
    }

    @Test
    void modelSpecIsAnImmutableCopyOfItsLayers() {
        List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec(0, 4, 4, false, Activation.RELU)));
        ModelSpec m = new ModelSpec(layers);
        layers.add(new LayerSpec(1, 99, 4, false, Activation.RELU));
        assertEquals(1, m.depth());
        assertThrows(UnsupportedOperationException.class, () -> m.layers().add(layers.get(0)));
        assertEquals(m, new ModelSpec(List.of(new LayerSpec(0, 4, 4, false, Activation.RELU))));
        assertNotEquals(m, new ModelSpec(List.of(new LayerSpec(0, 4, 4, true, Activation.RELU))));
    }

    @Test
    void mlpRejectsOutOfRangeSizesNamingTheKey() {
        assertEquals("model.width = 0: allowed integers 1 to 2147483647", assertThrows(ConfigException.class,
                () -> ModelSpec.mlp(10, 0, 10, 2, true, Activation.RELU, Activation.IDENTITY)).getMessage());
        assertEquals("model.depth = 0: allowed integers 1 to 1000000", assertThrows(ConfigException.class,
                () -> ModelSpec.mlp(10, 10, 10, 0, true, Activation.RELU, Activation.IDENTITY)).getMessage());
        assertEquals("model.input-width = -1: allowed integers 1 to 2147483647", assertThrows(ConfigException.class,
                () -> ModelSpec.mlp(-1, 10, 10, 2, true, Activation.RELU, Activation.IDENTITY)).getMessage());
        assertEquals("model.output-width = 0: allowed integers 1 to 2147483647", assertThrows(ConfigException.class,
                () -> ModelSpec.mlp(10, 10, 0, 2, true, Activation.RELU, Activation.IDENTITY)).getMessage());
    }

    @Test
    void reluClampsNegativesToZero() {
        float[] y = {-2f, -0.5f, 0f, 0.25f, 3.5f, -Float.MAX_VALUE};
        Activation.RELU.applyInPlace(y);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0.25f, 3.5f, 0f}, y);
    }

    @Test
    void identityLeavesValuesUntouched() {
        float[] y = {-2f, -0.5f, 0f, 0.25f, 3.5f, Float.NaN};
        Activation.IDENTITY.applyInPlace(y);
        assertArrayEquals(new float[] {-2f, -0.5f, 0f, 0.25f, 3.5f, Float.NaN}, y);
    }

    @Test
    void tanhMatchesHandComputedValues() {
        float[] y = {1f, -0.5f, 0f, 3f, 30f};
        Activation.TANH.applyInPlace(y);
        assertArrayEquals(new float[] {0.76159416f, -0.46211716f, 0f, 0.99505475f, 1f}, y, 1e-7f);
    }

    @Test
    void geluTanhFormMatchesHandComputedValues() {
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): at x = 1, tanh(0.7978846 * 1.044715) = 0.6823840.
        float[] y = {1f, -1f, 0f, 2f, -3f, 0.5f};
        Activation.GELU.applyInPlace(y);
        assertArrayEquals(new float[] {0.84119199f, -0.15880801f, 0f, 1.95459770f, -0.00363739f, 0.34571401f},
                y, 1e-6f);
        assertEquals(0.8411920f, y[0], 5e-8f);
    }

    @Test
    void initGainsFollowHeAndGlorot() {
        assertEquals(Math.sqrt(2), Activation.RELU.initGain());
        assertEquals(Math.sqrt(2), Activation.GELU.initGain());
        assertEquals(5.0 / 3.0, Activation.TANH.initGain());
        assertEquals(1.0, Activation.IDENTITY.initGain());
    }

    @Test
    void activationParseAcceptsLowerCaseNamesAndRejectsOthers() {
        for (Activation a : Activation.values()) {
            assertEquals(a, Activation.parse("model.activation", a.configName()));
        }
        ConfigException e = assertThrows(ConfigException.class, () -> Activation.parse("model.activation", "swish"));
        assertEquals("model.activation = swish: allowed one of [identity, relu, gelu, tanh]", e.getMessage());
        assertThrows(ConfigException.class, () -> Activation.parse("model.activation", "RELU"));
    }
}
