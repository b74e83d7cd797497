package org.cosmoemu.cpu.io;

import java.util.Objects;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.ParameterSpace;

/**
 * What a model file says about its network without its weights: its name, inputs, output grid and output
 * quantity. {@link ModelFiles#readHeader} reads it from the SDK's HDF5 format, touching only the small datasets
 * and attributes (milliseconds, a few kilobytes of memory), so that a catalogue can describe a model, or build a
 * theory around it, before anything asks for a prediction.
 *
 * @param name           the model's name
 * @param parameterSpace its inputs, in network order, with their training ranges
 * @param grid           the points its outputs belong to
 * @param quantity       what its output values mean
 */
public record ModelHeader(String name, ParameterSpace parameterSpace, OutputGrid grid, OutputQuantity quantity) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if any component is null
     */
    public ModelHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameterSpace, "parameterSpace");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(quantity, "quantity");
    }
}
