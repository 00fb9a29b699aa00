package org.pfmsim.forward;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import org.pfmsim.platform.Characterization;

/**
 * A work unit's result on the wire, field by field with its tile samples inline. Kryo's reflective field
 * serializer did the same through one generic field accessor per field; at a few results per task that
 * path never got hot enough to settle, and its compilation (about 0.4 s of C2 time per recompilation,
 * measured with JFR) was still competing with the tasks for the cores minutes into a run.
 */
public final class UnitResultSerializer extends Serializer<UnitResult> {
    public UnitResultSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, UnitResult u) {
        out.writeLong(u.colTile, true);
        out.writeLong(u.rowTileStart, true);
        out.writeInt(u.cols, true);
        writeDoubles(out, u.physical);
        writeDoubles(out, u.local);
        writeDoubles(out, u.ideal);
        out.writeLong(u.tiles, true);
        out.writeDouble(u.energyJoules);
        out.writeDouble(u.latencySeconds);
        out.writeDouble(u.areaSquareMeters);
        out.writeLong(u.inputsClipped, true);
        out.writeLong(u.outputsClipped, true);
        out.writeInt(u.samples.length, true);
        for (TileSample s : u.samples) {
            out.writeLong(s.tileRow, true);
            out.writeLong(s.tileCol, true);
            out.writeInt(s.rows, true);
            out.writeInt(s.cols, true);
            out.writeDouble(s.relError);
            out.writeDouble(s.energyJoules);
            out.writeLong(s.stuckDevices, true);
            out.writeLong(s.inputsClipped, true);
            out.writeLong(s.outputsClipped, true);
        }
        out.writeLong(u.calibration.probeReads(), true);
        out.writeDouble(u.calibration.energyJoules());
        out.writeDouble(u.calibration.seconds());
        out.writeLong(u.calibration.tunableParameters(), true);
    }

    @Override
    public UnitResult read(Kryo kryo, Input in, Class<UnitResult> type) {
        long colTile = in.readLong(true);
        long rowTileStart = in.readLong(true);
        int cols = in.readInt(true);
        double[] physical = readDoubles(in);
        double[] local = readDoubles(in);
        double[] ideal = readDoubles(in);
        long tiles = in.readLong(true);
        double energy = in.readDouble();
        double latency = in.readDouble();
        double area = in.readDouble();
        long inputsClipped = in.readLong(true);
        long outputsClipped = in.readLong(true);
        int count = in.readInt(true);
        List<TileSample> samples = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            samples.add(new TileSample(in.readLong(true), in.readLong(true), in.readInt(true), in.readInt(true),
                    in.readDouble(), in.readDouble(), in.readLong(true), in.readLong(true), in.readLong(true)));
        }
        // A unit's characterization is a sum over its tiles: per-tile figures (departure) do not travel.
        Characterization calibration = new Characterization(in.readLong(true), in.readDouble(), in.readDouble(),
                in.readLong(true), Double.NaN, Double.NaN);
        return new UnitResult(colTile, rowTileStart, cols, physical, local, ideal, tiles, energy, latency, area,
                inputsClipped, outputsClipped, samples, calibration);
    }

    private static void writeDoubles(Output out, double[] values) {
        out.writeInt(values.length, true);
        out.writeDoubles(values);
    }

    private static double[] readDoubles(Input in) {
        return in.readDoubles(in.readInt(true));
    }
}
