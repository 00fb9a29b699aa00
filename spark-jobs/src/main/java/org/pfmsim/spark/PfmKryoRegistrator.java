package org.pfmsim.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.pfmsim.forward.LayerInput;
import org.pfmsim.forward.UnitResult;
import org.pfmsim.forward.UnitResultSerializer;
import org.pfmsim.placement.WorkUnit;
import org.pfmsim.results.ResultTables;
import org.pfmsim.volume.SegmentInput;
import org.pfmsim.volume.TileFields;

/**
 * Every class that crosses the wire, registered (spark.kryo.registrationRequired=true makes a missing
 * one fail loudly instead of silently writing class names into every record). Only plain arrays and
 * small value classes travel; INDArrays never do (Kryo cannot read them back, STACK.md section 5).
 */
public final class PfmKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(float[].class);
        kryo.register(double[].class);
        kryo.register(long[].class);
        kryo.register(WorkUnit.class, new WorkUnitSerializer());
        kryo.register(WorkUnit[].class);
        kryo.register(LayerInput.class);
        kryo.register(UnitResult.class, new UnitResultSerializer());
        kryo.register(UnitResult[].class);
        kryo.register(SegmentInput.class);
        kryo.register(TileFields.class);
        for (Class<?> c : ResultTables.kryoClasses()) {
            kryo.register(c);
        }
    }
}
