package org.pfmsim.volumes;

import org.pfmsim.glass.IndexVolume;
import org.pfmsim.glass.VolumeFiles;

/**
 * The glass medium's volume readers ({@link VolumeFiles}, registered in
 * {@code META-INF/services/org.pfmsim.glass.VolumeFiles}): .npy files and safetensors tensors, read through
 * the Hadoop FileSystem API like every other file of a run.
 */
public final class VolumeFileReaders implements VolumeFiles {
    @Override
    public IndexVolume npy(String key, String location) {
        return NpyVolume.open(key, location);
    }

    @Override
    public IndexVolume safetensors(String pathKey, String location, String tensorKey, String tensor) {
        return SafetensorsVolume.open(pathKey, location, tensorKey, tensor);
    }
}
