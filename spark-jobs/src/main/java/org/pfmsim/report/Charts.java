package org.pfmsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots as PNG bytes (XChart, drawn with Java2D; needs java.awt.headless on servers). */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    /** A named line through (x, y) points. */
    record Series(String name, double[] x, double[] y) {
    }

    private Charts() {
    }

    /**
     * A line chart with markers; an axis is logarithmic when asked and every value on it is positive.
     */
    static byte[] png(String title, String xTitle, String yTitle, List<Series> series, boolean logX, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setMarkerSize(7).setAntiAlias(true);
        chart.getStyler().setXAxisLogarithmic(logX && series.stream().allMatch(s -> positive(s.x())));
        chart.getStyler().setYAxisLogarithmic(logY && series.stream().allMatch(s -> positive(s.y())));
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of " + title + " failed: " + e.getMessage(), e);
        }
    }

    /** True when a log axis over these values spans at least a decade (else a linear axis reads better). */
    static boolean spansDecade(double[] values) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min > 0 && max / min >= 10;
    }

    private static boolean positive(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return values.length > 0;
    }
}
