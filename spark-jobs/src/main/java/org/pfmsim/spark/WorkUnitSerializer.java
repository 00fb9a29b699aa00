package org.pfmsim.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.pfmsim.placement.WorkUnit;

/** Kryo 4 cannot reflect on Java records (no field offsets), so records that travel get a serializer. */
final class WorkUnitSerializer extends Serializer<WorkUnit> {
    WorkUnitSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, WorkUnit u) {
        out.writeInt(u.layer(), true);
        out.writeLong(u.colTile(), true);
        out.writeLong(u.rowTileStart(), true);
        out.writeLong(u.rowTileEnd(), true);
    }

    @Override
    public WorkUnit read(Kryo kryo, Input in, Class<WorkUnit> type) {
        return new WorkUnit(in.readInt(true), in.readLong(true), in.readLong(true), in.readLong(true));
    }
}
