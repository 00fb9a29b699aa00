package org.pfmsim.scaling;

/** A platform's closed-form cost: workload in, energy, latency, throughput and size out. */
public interface CostModel {
    /** Platform kind as written in the {@code platform} column. */
    String platform();

    ScalingPoint cost(Workload workload);
}
