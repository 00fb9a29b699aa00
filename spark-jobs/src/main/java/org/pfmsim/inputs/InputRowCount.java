package org.pfmsim.inputs;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.pfmsim.checkpoint.HadoopPaths;
import org.pfmsim.config.ConfigException;

/**
 * How many rows an input file holds, from its metadata only (an npy header, Parquet footers): what
 * {@code inputs.rows = 0} evaluates and what a labels file must match, known before any row is read.
 */
public final class InputRowCount {
    private InputRowCount() {
    }

    /** @param source {@code npy} or {@code parquet} */
    public static long of(String key, String source, String location) {
        if (source.equals("npy")) {
            return NpyFile.header(key, location).rows();
        }
        Configuration conf = new Configuration();
        long rows = 0;
        try {
            for (Path file : ParquetInputs.files(key, location, HadoopPaths.path(location), conf)) {
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
                    rows += reader.getRecordCount();
                }
            }
        } catch (IOException e) {
            throw ConfigException.of(key, location, "a readable Parquet file or directory ("
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim() + ")");
        }
        return rows;
    }
}
