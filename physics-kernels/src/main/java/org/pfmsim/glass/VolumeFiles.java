package org.pfmsim.glass;

import java.util.ServiceLoader;
import org.pfmsim.config.ConfigException;

/**
 * Opens a designed volume stored in a file: a 3-D float array [z, y, x] of index contrast, as a .npy file or
 * a tensor of a safetensors file, at a local path or a Hadoop URI. The readers live with the other file
 * formats (module {@code partitioning}, which depends on this one), so the glass package finds them through
 * {@link ServiceLoader} (file {@code META-INF/services/org.pfmsim.glass.VolumeFiles}) instead of naming them.
 * Each method refuses a bad file with a {@link ConfigException} naming the key and the file.
 */
public interface VolumeFiles {
    /** The volume in a .npy file; {@code key} is the config key of its path. */
    IndexVolume npy(String key, String location);

    /** Tensor {@code tensor} of a safetensors file; the keys name the path and the tensor in refusals. */
    IndexVolume safetensors(String pathKey, String location, String tensorKey, String tensor);

    /** The installed readers: exactly one implementation on the class path. */
    static VolumeFiles installed() {
        var found = ServiceLoader.load(VolumeFiles.class, VolumeFiles.class.getClassLoader()).stream().toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + VolumeFiles.class.getName() + " on the class path"
                    + " (module partitioning provides it), found " + found.size());
        }
        return found.get(0).get();
    }
}
