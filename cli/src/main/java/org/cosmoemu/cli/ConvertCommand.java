package org.cosmoemu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cosmoemu.api.EllFactor;
import org.cosmoemu.api.InvalidOptionException;
import org.cosmoemu.api.NetworkModel;
import org.cosmoemu.api.OutputGrid;
import org.cosmoemu.api.OutputQuantity;
import org.cosmoemu.api.Parameter;
import org.cosmoemu.api.ParameterSpace;
import org.cosmoemu.api.Precision;
import org.cosmoemu.cpu.io.ModelFiles;

/**
 * {@code convert}: reads any supported model file and writes the SDK's self-describing HDF5 format, adding
 * what a CosmoPower file cannot say (output transform, grid meaning, units, training ranges).
 */
final class ConvertCommand implements Command {

    @Override
    public String name() {
        return "convert";
    }

    @Override
    public String summary() {
        return "convert a CosmoPower model (formats A-D) into the SDK's HDF5 format, declaring its meaning";
    }

    @Override
    public int run(String[] argv, int from, PrintStream out) {
        Args a = new Args("convert")
                .value("model", "FILE", "input model (CosmoPower .pkl/.npz or cosmo-emu .h5)")
                .value("output", "FILE.h5", "output file")
                .flag("log10", "the network was trained on log10 (values = 10^raw)")
                .value("transform", "identity|log10", "output transform")
                .value("name", "NAME", "model name stored in the file")
                .value("quantity", "TEXT", "what the outputs are, e.g. 'C_ell^phiphi'")
                .value("units", "TEXT", "units of the values, e.g. dimensionless, Mpc^3")
                .value("ell-factor", "TOKEN", "none | l(l+1)/2pi | [l(l+1)]^2/2pi | [l(l+1)]^2/4")
                .value("grid-axis", "AXIS", "meaning of the file's modes: ell | k | z | modes, or name (with --grid-labels)")
                .value("grid-unit", "UNIT", "unit of the grid values, e.g. 1/Mpc or h/Mpc")
                .value("grid-labels", "A,B,...", "output names (for derived-parameter models)")
                .repeated("bounds", "NAME=LO:HI", "training range of a parameter")
                .value("storage", "float64|float32", "precision of the stored weights (default float64)")
                .parse(argv, from);
        NetworkModel m = ModelResolver.model(a);
        NetworkModel.Builder b = m.toBuilder();
        if (a.has("name")) {
            b.name(a.get("name"));
        }
        OutputQuantity q = m.quantity();
        try {
            EllFactor ef = a.has("ell-factor") ? EllFactor.fromToken(a.get("ell-factor")) : q.ellFactor();
            b.quantity(OutputQuantity.of(a.get("quantity", q.name()), a.get("units", q.units()), ef, q.transform()));
            if (a.has("grid-labels")) {
                List<String> labels = Arrays.stream(a.get("grid-labels").split(",")).map(String::trim).toList();
                if (labels.size() != m.outputSize()) {
                    throw new UsageException("--grid-labels gives " + labels.size() + " names, the model has "
                            + m.outputSize() + " outputs");
                }
                b.grid(OutputGrid.named(labels));
            } else if (a.has("grid-axis") || a.has("grid-unit")) {
                OutputGrid.Axis axis = OutputGrid.Axis.fromToken(a.get("grid-axis", m.grid().axis().token()));
                b.grid(OutputGrid.of(axis, a.get("grid-unit", m.grid().unit()), m.grid().values()));
            }
        } catch (InvalidOptionException e) {
            throw new UsageException(e.getMessage());
        }
        if (a.has("bounds")) {
            Map<String, String> bounds = a.keyValues("bounds");
            List<Parameter> ps = new ArrayList<>(m.parameterSpace().parameters());
            for (Map.Entry<String, String> e : bounds.entrySet()) {
                int i = m.parameterSpace().indexOf(e.getKey());
                if (i < 0) {
                    throw new UsageException("--bounds: model has no parameter '" + e.getKey() + "'; it takes "
                            + m.parameterSpace().names());
                }
                String[] lh = e.getValue().split(":");
                try {
                    ps.set(i, Parameter.of(e.getKey(), Double.parseDouble(lh[0]), Double.parseDouble(lh[1])));
                } catch (RuntimeException ex) {
                    throw new UsageException("--bounds " + e.getKey() + "=" + e.getValue() + ": expected LO:HI with LO <= HI");
                }
            }
            b.parameterSpace(ParameterSpace.of(ps));
        }
        Precision storage;
        try {
            storage = Precision.parse(a.get("storage", "float64"));
        } catch (InvalidOptionException e) {
            throw new UsageException(e.getMessage());
        }
        NetworkModel converted = b.provenance("converted_from", a.get("model")).build();
        Path outFile = Path.of(a.require("output"));
        ModelFiles.write(converted, outFile, storage);
        out.println("wrote " + outFile + ": " + converted);
        return 0;
    }
}
