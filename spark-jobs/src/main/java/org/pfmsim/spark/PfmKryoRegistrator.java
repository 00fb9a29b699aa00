package org.pfmsim.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.pfmsim.forward.LayerInput;
import org.pfmsim.forward.UnitResult;
import org.pfmsim.forward.UnitResultSerializer;
import org.pfmsim.placement.WorkUnit;
import org.pfmsim.platform.Media;
import org.pfmsim.platform.Medium;
import org.pfmsim.results.ResultTables;

/**
 * Every class that crosses the wire, registered (spark.kryo.registrationRequired=true makes a missing
 * one fail loudly instead of silently writing class names into every record). Only plain arrays and
 * small value classes travel; INDArrays never do (Kryo cannot read them back, STACK.md section 5). A stage's
 * units travel as Object[] per task; a staged medium's own inputs and results are listed by the medium and
 * registered in registry order, the same on every JVM.
 */
public final class PfmKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(float[].class);
        kryo.register(double[].class);
        kryo.register(long[].class);
        kryo.register(Object[].class);
        kryo.register(WorkUnit.class, new WorkUnitSerializer());
        kryo.register(WorkUnit[].class);
        kryo.register(LayerInput.class);
        kryo.register(UnitResult.class, new UnitResultSerializer());
        kryo.register(UnitResult[].class);
        for (Medium medium : Media.all()) {
            for (Class<?> c : medium.wireClasses()) {
                kryo.register(c);
            }
        }
        for (Class<?> c : ResultTables.kryoClasses()) {
            kryo.register(c);
        }
    }
}
